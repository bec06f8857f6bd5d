import { z } from 'zod';

/**
 * The HTTP contract of a Halo endpoint (docs/api.md), shared by the extension's client and server/.
 */
export const API_PREFIX = '/api/v1';
export const HALOS_PATH = `${API_PREFIX}/halos`;
/** Images the client carries with a Halo (issue 11): uploaded first, then referenced as `halo-image:<id>`. */
export const IMAGES_PATH = `${API_PREFIX}/images`;
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

/** The answer to POST /images: the id is the SHA-256 of the bytes, so the same image is always one id. */
export const ImageUploadResponseSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  type: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type ImageUploadResponse = z.infer<typeof ImageUploadResponseSchema>;

export const ERROR_CODES = [
  'invalid_json',
  'invalid_halo',
  'invalid_image',
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
