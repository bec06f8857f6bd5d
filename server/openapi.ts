import { z } from 'zod';
import {
  EDIT_TOKEN_HEADER,
  ErrorBodySchema,
  IDEMPOTENCY_HEADER,
  ImageUploadResponseSchema,
  PublishResponseSchema,
} from '@/lib/halo/api';
import { HaloSchema } from '@/lib/halo/schema';

let cached: object | undefined;

/** The OpenAPI 3.1 description of /api/v1, with schemas generated from the one shared zod schema. */
export function openApiDocument(): object {
  cached ??= build();
  return cached;
}

function build(): object {
  const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  const editToken = { name: EDIT_TOKEN_HEADER, in: 'header', required: true, schema: { type: 'string' } };
  const haloBody = {
    required: true,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Halo' } } },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Halo API',
      version: '1',
      description: 'Publish, read, update and unpublish Halos. See docs/api.md.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Halo: schema(HaloSchema),
        PublishResponse: schema(PublishResponseSchema),
        ImageUploadResponse: schema(ImageUploadResponseSchema),
        Error: schema(ErrorBodySchema),
      },
    },
    security: [{}, { bearer: [] }],
    paths: {
      '/api/v1/halos': {
        post: {
          summary: 'Publish a Halo',
          parameters: [
            { name: IDEMPOTENCY_HEADER, in: 'header', required: false, schema: { type: 'string', maxLength: 200 } },
          ],
          requestBody: haloBody,
          responses: {
            201: {
              description: 'Published (or the same answer again for a repeated Idempotency-Key)',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/PublishResponse' } } },
            },
            400: error('invalid_json or invalid_halo (with the field path)'),
            401: error('unauthorized: the server needs an API token'),
            403: error('forbidden: the API token was refused'),
            413: error('payload_too_large'),
            415: error('unsupported_media_type'),
            409: error('idempotency_in_progress: a publish with this key is still running (see Retry-After)'),
            422: error('idempotency_conflict: the key was used for another Halo'),
            429: error('rate_limited (see Retry-After)'),
            503: error('unavailable: the database cannot answer right now (see Retry-After)'),
          },
        },
      },
      '/api/v1/halos/{id}': {
        get: {
          summary: 'Read a Halo',
          parameters: [idParam],
          responses: {
            200: { description: 'The Halo with its id, url and dates' },
            404: error('not_found'),
            410: error('gone'),
          },
        },
        put: {
          summary: 'Replace a Halo; its link stays',
          parameters: [idParam, editToken],
          requestBody: haloBody,
          responses: {
            200: { description: 'Updated' },
            400: error('invalid'),
            403: error('forbidden: wrong edit token'),
            404: error('not_found'),
            410: error('gone'),
          },
        },
        delete: {
          summary: 'Unpublish a Halo; its page then answers 410 Gone',
          parameters: [idParam, editToken],
          responses: {
            204: { description: 'Unpublished' },
            403: error('forbidden: wrong edit token'),
            404: error('not_found'),
            410: error('gone'),
          },
        },
      },
      '/api/v1/images': {
        post: {
          summary: 'Upload an image a Halo will show (a raster image the client read, e.g. behind a login)',
          description:
            'The body is the image itself. The server checks its magic bytes (PNG, JPEG, GIF, WebP or AVIF; never SVG) ' +
            'and size, and names it by the SHA-256 of its bytes: a Halo shows it with `![alt](halo-image:<id>)` and its ' +
            'page serves it from /h/{id}/i/{n}. The same bytes again answer 200 with the same id and store nothing. ' +
            'Uploads no Halo references are dropped after a day.',
          requestBody: {
            required: true,
            content: {
              'image/png': { schema: { type: 'string', format: 'binary' } },
              'image/jpeg': { schema: { type: 'string', format: 'binary' } },
              'image/gif': { schema: { type: 'string', format: 'binary' } },
              'image/webp': { schema: { type: 'string', format: 'binary' } },
              'image/avif': { schema: { type: 'string', format: 'binary' } },
            },
          },
          responses: {
            200: {
              description: 'Already stored: the same id',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ImageUploadResponse' } } },
            },
            201: {
              description: 'Stored',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ImageUploadResponse' } } },
            },
            400: error('invalid_image: empty, SVG, or not a raster image by its bytes'),
            401: error('unauthorized: the server needs an API token'),
            403: error('forbidden: the API token was refused'),
            413: error('payload_too_large: over HALO_IMAGE_MAX_BYTES'),
            415: error('unsupported_media_type: not an image/* (or an SVG) Content-Type'),
            429: error('rate_limited (see Retry-After)'),
          },
        },
      },
    },
  };
}
