import { noneMatchHits, type ContentCoding } from './negotiate';

/** One stored representation of a resource: bytes exactly as sent, and their entity tag. */
export interface Representation {
  body: Uint8Array;
  coding: ContentCoding;
  etag: string;
}

/** A complete HTTP answer, written as is by the node:http fast path or wrapped in a Response for hono. */
export interface Answer {
  status: number;
  headers: Readonly<Record<string, string>>;
  /** null: no body (HEAD, 304). */
  body: Uint8Array | null;
}

export interface ConditionalRequest {
  method: string;
  ifNoneMatch: string | undefined;
}

/**
 * 200 with the representation, or 304 when the client already holds it (If-None-Match); HEAD
 * gets the headers a GET would. `headers` are the ones every answer of the resource carries
 * (type, caching, Vary, security); the entity tag, coding and length are added here.
 */
export function answerWith(
  representation: Representation,
  request: ConditionalRequest,
  headers: Readonly<Record<string, string>>,
): Answer {
  if (noneMatchHits(request.ifNoneMatch, representation.etag)) {
    // A 304 repeats the validators and caching headers, not the body's own metadata.
    const { 'Content-Type': _type, ...unchanged } = headers;
    return { status: 304, headers: { ...unchanged, ETag: representation.etag }, body: null };
  }
  return {
    status: 200,
    headers: {
      ...headers,
      ...(representation.coding === 'identity' ? {} : { 'Content-Encoding': representation.coding }),
      ETag: representation.etag,
      'Content-Length': String(representation.body.length),
    },
    body: request.method === 'HEAD' ? null : representation.body,
  };
}

/** The same answer for hono's fetch-style routes. */
export function toResponse(answer: Answer): Response {
  return new Response(answer.body as Uint8Array<ArrayBuffer> | null, {
    status: answer.status,
    headers: answer.headers,
  });
}
