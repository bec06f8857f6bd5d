/**
 * Lone UTF-16 surrogates (invalid text, e.g. half an emoji cut by a page script) cannot be stored
 * or served as UTF-8. The extension replaces them with U+FFFD before rendering and publishing; the
 * server refuses a Halo that still holds one, with the field named (issue 4).
 */

/** A copy of `value` whose every string is well formed. */
export function withWellFormedStrings<T>(value: T): T {
  if (typeof value === 'string') return value.toWellFormed() as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withWellFormedStrings(item)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withWellFormedStrings(v)])) as T;
  }
  return value;
}

/** The path of the first string holding a lone surrogate, or null when all are well formed. */
export function findIllFormedString(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return value.isWellFormed() ? null : path;
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findIllFormedString(item, [...path, Array.isArray(value) ? Number(key) : key]);
      if (found) return found;
    }
  }
  return null;
}
