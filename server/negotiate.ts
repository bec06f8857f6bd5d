/**
 * HTTP content negotiation for stored representations (issue 21): which content coding a request
 * accepts (RFC 9110 §12.5.3) and whether its If-None-Match names the representation (§13.1.2).
 */
export type ContentCoding = 'br' | 'gzip' | 'identity';

/** Smallest first: among codings the client weighs equally, the fewest bytes win. */
const SERVER_ORDER: readonly ContentCoding[] = ['br', 'gzip', 'identity'];
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The codings a request accepts, best first; empty when it accepts none of ours. No header means
 * no preference: the page goes out as is (a client that never asked may not decode). Identity is
 * acceptable unless refused by `identity;q=0` or by `*;q=0` without an identity entry, and ranks
 * last unless the client weighs it.
 */
export function acceptedCodings(header: string | undefined): readonly ContentCoding[] {
  if (header === undefined) return IDENTITY_ONLY;
  // Browsers send a handful of distinct headers: each is parsed once, not per view.
  let accepted = parsed.get(header);
  if (!accepted) {
    if (parsed.size >= 256) parsed.clear();
    accepted = Object.freeze(parse(header));
    parsed.set(header, accepted);
  }
  return accepted;
}

const IDENTITY_ONLY: readonly ContentCoding[] = Object.freeze(['identity']);
const parsed = new Map<string, readonly ContentCoding[]>();

function parse(header: string): ContentCoding[] {
  const weights = new Map<string, number>();
  for (const entry of header.split(',')) {
    const [name = '', ...params] = entry.split(';').map((part) => part.trim());
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const [key, value = ''] = param.split('=').map((part) => part.trim());
      if (key?.toLowerCase() !== 'q') continue;
      q = QVALUE.test(value) ? Number(value) : NaN;
    }
    // A malformed weight says nothing usable: the entry is ignored rather than guessed at.
    if (Number.isNaN(q)) continue;
    const coding = name.toLowerCase() === 'x-gzip' ? 'gzip' : name.toLowerCase();
    weights.set(coding, Math.max(q, weights.get(coding) ?? 0));
  }
  const star = weights.get('*');
  const weight = (coding: ContentCoding): number => {
    const explicit = weights.get(coding);
    if (explicit !== undefined) return explicit;
    if (coding !== 'identity') return star ?? 0;
    // Acceptable by default, as the last resort.
    return star === 0 ? 0 : Number.MIN_VALUE;
  };
  return SERVER_ORDER.map((coding) => ({ coding, q: weight(coding) }))
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q || SERVER_ORDER.indexOf(a.coding) - SERVER_ORDER.indexOf(b.coding))
    .map(({ coding }) => coding);
}

/**
 * The compressed codings worth looking up for a request, best first: those it prefers to the raw
 * page (`br;q=0.5, identity` asks for the raw page).
 */
export function compressedCodingsFor(accepted: readonly ContentCoding[]): ('br' | 'gzip')[] {
  const identityAt = accepted.indexOf('identity');
  return (identityAt === -1 ? accepted : accepted.slice(0, identityAt)).filter(
    (coding): coding is 'br' | 'gzip' => coding !== 'identity',
  );
}

/**
 * If-None-Match: true when the header names this entity tag or is `*`. Weak comparison, as the
 * RFC asks for this header, so a proxy that weakened the tag (W/"…") still gets its 304.
 */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  for (const candidate of header.split(',')) {
    const tag = candidate.trim();
    if ((tag.startsWith('W/') ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}
