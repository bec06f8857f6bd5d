import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { sniffImage } from '@/lib/halo/image-sniff';

/**
 * Fetches one image for a Halo, as the server (never the reader's browser) at publish time.
 * Guards: http(s) only, at most 4 redirects, image/* only (not SVG), a byte limit, a timeout, and
 * no private, loopback or link-local address unless the server runs on a private network. The
 * address is checked after DNS resolution, on every hop, so a redirect or a DNS answer cannot
 * point the server at itself.
 */
export interface ImageFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  allowPrivateHosts: boolean;
}

export type ImageFetchResult = { ok: true; bytes: Buffer; type: string } | { ok: false; reason: string };

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['::ffff:0:0', 96],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const refused = list.find((a) => !allowPrivate && isPrivateAddress(a.address));
      if (refused || list.length === 0) {
        const denied = Object.assign(new Error(`refused private address ${refused?.address ?? '(none)'}`), {
          code: 'EPRIVATE',
        });
        return callback(denied, '', 0);
      }
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

function once(url: URL, options: ImageFetchOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? httpsGet : httpGet;
    const request = get(
      url,
      { lookup: guardedLookup(options.allowPrivateHosts), timeout: options.timeoutMs, headers: { accept: 'image/*' } },
      resolve,
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', reject);
  });
}

export async function fetchImage(source: string, options: ImageFetchOptions): Promise<ImageFetchResult> {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { ok: false, reason: `scheme ${url.protocol} refused` };
    if (
      !options.allowPrivateHosts &&
      isIP(url.hostname.replace(/^\[|\]$/g, '')) &&
      isPrivateAddress(url.hostname.replace(/^\[|\]$/g, ''))
    ) {
      return { ok: false, reason: `refused private address ${url.hostname}` };
    }
    let response: IncomingMessage;
    try {
      response = await once(url, options);
    } catch (error) {
      return { ok: false, reason: String((error as Error).message) };
    }
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      if (hop >= options.maxRedirects) return { ok: false, reason: `more than ${options.maxRedirects} redirects` };
      url = new URL(response.headers.location, url);
      continue;
    }
    if (status !== 200) {
      response.resume();
      return { ok: false, reason: `HTTP ${status}` };
    }
    const type = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    // SVG is a document that can carry script: only raster images are kept.
    if (!/^image\/(png|jpeg|gif|webp|avif|bmp|x-icon|vnd\.microsoft\.icon)$/.test(type)) {
      response.resume();
      return { ok: false, reason: `content type ${type || '(none)'} is not a raster image` };
    }
    const declared = Number(response.headers['content-length'] ?? 0);
    if (declared > options.maxBytes) {
      response.destroy();
      return { ok: false, reason: `larger than ${options.maxBytes} bytes` };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response) {
        size += (chunk as Buffer).length;
        if (size > options.maxBytes) {
          response.destroy();
          return { ok: false, reason: `larger than ${options.maxBytes} bytes` };
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      return { ok: false, reason: String((error as Error).message) };
    }
    const bytes = Buffer.concat(chunks);
    // The header is a claim: the bytes must agree that this is a raster image (issue 11).
    const sniffed = sniffImage(bytes);
    if (!sniffed || sniffed === 'svg')
      return { ok: false, reason: `the bytes are not a raster image (sent as ${type})` };
    return { ok: true, bytes, type: sniffed };
  }
}
