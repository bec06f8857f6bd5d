/** The converter's text-keeping measure (issue 16). */
const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Share of the page's words that the rendered Markdown shows (as a multiset): 1 keeps every one. */
export function tokenKept(expected: string, shown: string): number {
  const have = new Map<string, number>();
  for (const word of words(shown)) have.set(word, (have.get(word) ?? 0) + 1);
  const wanted = words(expected);
  if (wanted.length === 0) return 1;
  let kept = 0;
  for (const word of wanted) {
    const n = have.get(word) ?? 0;
    if (n > 0) {
      kept += 1;
      have.set(word, n - 1);
    }
  }
  return kept / wanted.length;
}
