/** How much one Halo may hold: shared by the schema, the editor and the capture scripts (which must not load zod). */
export const LIMITS = {
  titleChars: 300,
  noteChars: 10_000,
  authorChars: 100,
  siteChars: 100,
  urlChars: 4_096,
  blockMarkdownChars: 2_000_000,
  blocks: 5_000,
} as const;
