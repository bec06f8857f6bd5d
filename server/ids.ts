import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 128 random bits, base64url: 22 characters, unguessable from any other link. */
export function newHaloId(): string {
  return randomBytes(16).toString('base64url');
}

/** 256 random bits; only its SHA-256 is stored. */
export function newEditToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Constant-time comparison of a presented token against a stored hash. */
export function tokenMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
