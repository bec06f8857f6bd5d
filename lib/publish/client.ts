import {
  EDIT_TOKEN_HEADER,
  ErrorBodySchema,
  HALOS_PATH,
  IDEMPOTENCY_HEADER,
  IMAGES_PATH,
  ImageUploadResponseSchema,
  PublishResponseSchema,
  UpdateResponseSchema,
  type PublishResponse,
} from '@/lib/halo/api';
import type { Halo } from '@/lib/halo/schema';
import type { PublishError } from '@/lib/publish/job';
import type { Settings } from '@/lib/storage/items';

export const PUBLISH_TIMEOUT_MS = 20_000;

export type PublishOutcome = { ok: true; response: PublishResponse } | Failure;

/** Why an endpoint is refused, for the options page to say in the interface's language (issue 17). */
export type EndpointProblem = 'not_url' | 'not_http' | 'credentials';

/** Checks an endpoint URL as typed in the options; answers the normalized URL or why it is refused. */
export function normalizeEndpoint(
  input: string,
): { ok: true; endpoint: string } | { ok: false; reason: EndpointProblem; message: string } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return {
      ok: false,
      reason: 'not_url',
      message: 'The endpoint must be a full URL, such as https://halo.example.com.',
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'not_http', message: 'The endpoint must start with http:// or https://.' };
  }
  if (url.username || url.password)
    return { ok: false, reason: 'credentials', message: 'Put the API token in its own field, not in the URL.' };
  return { ok: true, endpoint: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/** A block type the server does not know: the one newer than it, a section (issue 12's version policy). */
const UNKNOWN_BLOCK_TYPE = /^blocks\.\d+\.type$/;

function describe(
  status: number,
  code: string,
  serverMessage: string,
  endpoint: string,
  change: boolean,
  path?: string,
): string {
  switch (status) {
    case 400:
      if (code === 'invalid_halo' && path && UNKNOWN_BLOCK_TYPE.test(path))
        return `The Halo server at ${endpoint} is older than sections and refused them (${path}). Nothing was published and the draft is unchanged: update the server, or share it without publishing (Copy as Markdown, Download .md).`;
      return `The server refused the Halo: ${serverMessage} Fix it and publish again.`;
    case 401:
      return `The Halo server at ${endpoint} refused the API token (HTTP 401). Set the right token in the extension options.`;
    case 403:
      // On a change, a 403 is the edit token or the API token: the server's message says which.
      return change
        ? `The Halo server at ${endpoint} refused the change (HTTP 403): ${serverMessage} If the API token is wrong, set the right one in the extension options.`
        : `The Halo server at ${endpoint} refused the API token (HTTP 403). Set the right token in the extension options.`;
    case 404:
      if (change) return `The Halo server at ${endpoint} no longer has this Halo (HTTP 404).`;
      break;
    case 410:
      if (change) return 'This Halo was already unpublished (HTTP 410): its link now says it is gone.';
      break;
    case 413:
      return 'The Halo is larger than this server accepts. Exclude some blocks or images, then publish again.';
    case 429:
      return 'The Halo server is limiting publishes right now. Halo will retry automatically.';
  }
  if (status >= 500) return `The Halo server failed (HTTP ${status}). Halo will retry automatically.`;
  return `The Halo server answered HTTP ${status}${code ? ` (${code})` : ''}: ${serverMessage}`;
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds from now. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A published Halo to change: its id and the edit token its publish answered. */
export interface HaloTarget {
  haloId: string;
  editToken: string;
}

type Failure = { ok: false; error: PublishError; retryable: boolean; retryAfterMs?: number };
type Answered = { ok: true; status: number; body: unknown };

/**
 * One request to the endpoint, with the failures every call shares: network, timeout, redirect,
 * and HTTP errors mapped to a message ready to show. Never throws.
 */
async function request(
  settings: Settings,
  method: 'POST' | 'PUT' | 'DELETE',
  init: { halo?: Halo; idempotencyKey?: string; target?: HaloTarget; image?: { type: string; bytes: Uint8Array } },
  timeoutMs: number,
): Promise<Answered | Failure> {
  const { endpoint } = settings;
  const { halo, idempotencyKey, target, image } = init;
  const headers: Record<string, string> = {};
  if (halo) headers['Content-Type'] = 'application/json';
  if (image) headers['Content-Type'] = image.type;
  if (idempotencyKey) headers[IDEMPOTENCY_HEADER] = idempotencyKey;
  if (settings.apiToken) headers.Authorization = `Bearer ${settings.apiToken}`;
  if (target) headers[EDIT_TOKEN_HEADER] = target.editToken;
  const url = image
    ? `${endpoint}${IMAGES_PATH}`
    : `${endpoint}${HALOS_PATH}${target ? `/${encodeURIComponent(target.haloId)}` : ''}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: halo ? JSON.stringify(halo) : image ? new Blob([image.bytes as Uint8Array<ArrayBuffer>]) : undefined,
      // A redirect could carry the Halo to another host: never followed, reported instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = (error as Error)?.name === 'TimeoutError';
    return {
      ok: false,
      retryable: true,
      error: {
        code: timedOut ? 'timeout' : 'network',
        message: timedOut
          ? `The Halo server at ${endpoint} did not answer within ${Math.round(timeoutMs / 1000)} s. Halo will retry; your draft is kept.`
          : `Could not reach the Halo server at ${endpoint}. Check that it is running and the endpoint in the options. Your draft is kept.`,
      },
    };
  }

  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    return {
      ok: false,
      retryable: false,
      error: {
        code: 'redirect',
        status: response.status || undefined,
        message: `The endpoint ${endpoint} redirects elsewhere. Set its final address in the extension options.`,
      },
    };
  }
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.ok) return { ok: true, status: response.status, body };

  const error = ErrorBodySchema.safeParse(body);
  const code = error.success ? error.data.error.code : body === undefined ? 'bad_response' : 'http_error';
  const serverMessage = error.success ? error.data.error.message : `HTTP ${response.status}`;
  const status = response.status;
  // 409: the same publish is still in flight on the server (issue 14); its retry replays it.
  const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  return {
    ok: false,
    retryable,
    retryAfterMs: retryAfterMs(response.headers.get('Retry-After')),
    error: {
      code,
      status,
      message: describe(
        status,
        code,
        serverMessage,
        endpoint,
        target !== undefined,
        error.success ? error.data.error.path : undefined,
      ),
      ...(error.success && error.data.error.path ? { path: error.data.error.path } : {}),
    },
  };
}

/**
 * One attempt to publish the Halo, or with a target to update it (PUT: the link stays). Never
 * throws: every failure comes back as a PublishError with a message ready to show, and whether
 * a retry could help.
 */
export async function sendHalo(
  settings: Settings,
  halo: Halo,
  idempotencyKey: string,
  target?: HaloTarget,
  timeoutMs: number = PUBLISH_TIMEOUT_MS,
): Promise<PublishOutcome> {
  const { endpoint } = settings;
  let answer = await request(settings, target ? 'PUT' : 'POST', { halo, idempotencyKey, target }, timeoutMs);
  // A server older than `lang` (issue 17) refuses it as an unknown field; the page loses only its
  // declared language (that server guesses nothing and says "en"), so the Halo goes without it.
  if (!answer.ok && halo.lang && refusedLang(answer.error)) {
    const { lang: _lang, ...older } = halo;
    answer = await request(settings, target ? 'PUT' : 'POST', { halo: older, idempotencyKey, target }, timeoutMs);
  }
  if (!answer.ok) return answer;
  // An update answers no edit token: the one the publish answered stays valid.
  const update = target && UpdateResponseSchema.safeParse(answer.body).data;
  const response: PublishResponse | undefined = target
    ? update && { id: update.id, url: update.url, editToken: target.editToken }
    : PublishResponseSchema.safeParse(answer.body).data;
  const refuse = (message: string): Failure => ({
    ok: false,
    retryable: false,
    error: { code: 'bad_response', status: answer.status, message },
  });
  if (!response) return refuse(`The server at ${endpoint} answered something that is not a Halo link.`);
  if (!sameOriginHttp(response.url, endpoint)) {
    return refuse(`The server answered a link outside ${new URL(endpoint).origin}; Halo did not copy or open it.`);
  }
  return { ok: true, response };
}

export type UploadOutcome = { ok: true; id: string } | Failure;

/**
 * Uploads one image a Halo carries (issue 11) before the Halo itself. The server names it by the
 * SHA-256 of its bytes, so a retry stores nothing new; an answer naming other bytes is refused.
 */
export async function uploadImage(
  settings: Settings,
  image: { sha256: string; type: string; bytes: Uint8Array },
  timeoutMs: number = PUBLISH_TIMEOUT_MS,
): Promise<UploadOutcome> {
  const answer = await request(settings, 'POST', { image }, timeoutMs);
  if (!answer.ok) return answer;
  const parsed = ImageUploadResponseSchema.safeParse(answer.body);
  if (!parsed.success || parsed.data.id !== image.sha256) {
    return {
      ok: false,
      retryable: false,
      error: {
        code: 'bad_response',
        status: answer.status,
        message: `The server at ${settings.endpoint} answered an image upload with something else.`,
      },
    };
  }
  return { ok: true, id: parsed.data.id };
}

/** One attempt to unpublish a Halo (DELETE): afterwards its page answers 410. Never throws. */
export async function deleteHalo(
  settings: Settings,
  target: HaloTarget,
  timeoutMs: number = PUBLISH_TIMEOUT_MS,
): Promise<{ ok: true } | Failure> {
  const answer = await request(settings, 'DELETE', { target }, timeoutMs);
  return answer.ok ? { ok: true } : answer;
}

function refusedLang(error: PublishError): boolean {
  return error.code === 'invalid_halo' && (error.path === 'lang' || /"lang"/.test(error.message));
}

/** A link is only copied or opened when it is http(s) on the endpoint's own origin. */
export function sameOriginHttp(link: string, endpoint: string): boolean {
  try {
    const url = new URL(link);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === new URL(endpoint).origin;
  } catch {
    return false;
  }
}
