import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '@/lib/halo/api';

/** Every API error: `{ error: { code, message, path? } }` with a stable code (docs/api.md). */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  extra: { path?: string; headers?: Record<string, string> } = {},
) {
  const body = { error: { code, message, ...(extra.path !== undefined ? { path: extra.path } : {}) } };
  return c.json(body, status, extra.headers);
}
