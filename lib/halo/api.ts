import { z } from 'zod';

/**
 * The HTTP contract of a Halo endpoint (docs/api.md), shared by the extension's client and server/.
 */
export const API_PREFIX = '/api/v1';
export const HALOS_PATH = `${API_PREFIX}/halos`;
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Sent by PUT and DELETE: the token the author received at publish time. */
export const EDIT_TOKEN_HEADER = 'X-Halo-Edit-Token';

export const PublishResponseSchema = z.object({
  id: z.string().min(1),
  url: z.string().min(1),
  editToken: z.string().min(1),
});
export type PublishResponse = z.infer<typeof PublishResponseSchema>;

/** The answer to PUT /halos/:id: the link stays, no new edit token. */
export const UpdateResponseSchema = z.object({
  id: z.string().min(1),
  url: z.string().min(1),
  updatedAt: z.string(),
});
export type UpdateResponse = z.infer<typeof UpdateResponseSchema>;

export const ERROR_CODES = [
  'invalid_json',
  'invalid_halo',
  'unauthorized',
  'forbidden',
  'not_found',
  'gone',
  'payload_too_large',
  'unsupported_media_type',
  'idempotency_conflict',
  'idempotency_in_progress',
  'rate_limited',
  'internal',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    path: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
