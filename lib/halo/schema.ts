import { z } from 'zod';
import { LIMITS } from '@/lib/halo/limits';
import { isContentBlock } from '@/lib/halo/block-text';
import { findIllFormedString } from '@/lib/halo/well-formed';
import { onlyBidiControls } from '@/lib/halo/bidi';
import { canonicalLang } from '@/lib/halo/script';

/**
 * The Halo document, version 1: the one contract between extension and server.
 * Every field is checked by both sides; the server never trusts the client.
 * Extend it compatibly: new optional fields, new block types, never a changed meaning. Version
 * policy (docs/api.md): additions keep version 1; an older server refuses an unknown field, so the
 * client drops an optional field the reader can do without (`lang`) and publishes again.
 */
export const HALO_VERSION = 1;

const httpUrl = z
  .string()
  .max(LIMITS.urlChars, `must be at most ${LIMITS.urlChars} characters`)
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL');

const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

/** A title must show something: one made of bidi controls alone would only reorder the page (issue 17). */
const BIDI_ONLY = 'holds only bidi control characters (U+200E, U+202A–U+202E, U+2066–U+2069 …); write visible text';

/**
 * The language of the text, a BCP 47 tag (issue 17): the page declares it on <html lang>. Checked
 * strictly (Intl.getCanonicalLocales), since it is written into every page.
 */
export const LangSchema = z
  .string()
  .max(35, 'must be at most 35 characters')
  .regex(/^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag, e.g. "en", "ar", "pt-BR"')
  .refine(
    (tag) => canonicalLang(tag) !== undefined,
    'must be a well-formed BCP 47 language tag, e.g. "en", "ar", "pt-BR"',
  );

const markdown = z.string().max(LIMITS.blockMarkdownChars, `must be at most ${LIMITS.blockMarkdownChars} characters`);

export const RoleSchema = z.enum(['user', 'assistant', 'system', 'tool']);
export type Role = z.infer<typeof RoleSchema>;

export const SourceSchema = z.strictObject({
  url: httpUrl,
  title: z.string().max(LIMITS.titleChars * 4),
  /** A short id of where it came from: "chatgpt", "claude", … or the host name for any other page. */
  site: z.string().min(1, 'must not be empty').max(LIMITS.siteChars),
  capturedAt: isoDateTime,
  /** The model name, where a chat page shows it. */
  model: z.string().max(LIMITS.siteChars).optional(),
  byline: z.string().max(LIMITS.titleChars).optional(),
  siteName: z.string().max(LIMITS.titleChars).optional(),
  publishedAt: z.string().max(64).optional(),
  image: httpUrl.optional(),
});
export type Source = z.infer<typeof SourceSchema>;

export const MessageBlockSchema = z.strictObject({
  type: z.literal('message'),
  role: RoleSchema,
  author: z.string().max(LIMITS.authorChars),
  markdown,
  /** Where this block came from, when it differs from the Halo's source (collections). */
  source: SourceSchema.optional(),
});

export const TextBlockSchema = z.strictObject({
  type: z.literal('text'),
  markdown,
  source: SourceSchema.optional(),
});

/** A model's reasoning ("Thought for 12s"), kept apart from its answer. */
export const ReasoningBlockSchema = z.strictObject({
  type: z.literal('reasoning'),
  author: z.string().max(LIMITS.authorChars),
  markdown,
  source: SourceSchema.optional(),
});

/**
 * Opens a section (issue 12): the blocks after it belong to it until the next section. One Halo
 * composed from several sources gives each source a section with its title and link.
 */
export const SectionBlockSchema = z.strictObject({
  type: z.literal('section'),
  title: z
    .string()
    .max(LIMITS.titleChars, `must be at most ${LIMITS.titleChars} characters`)
    .refine((title) => !onlyBidiControls(title), BIDI_ONLY),
  source: SourceSchema.optional(),
});

export const BlockSchema = z.discriminatedUnion('type', [
  MessageBlockSchema,
  TextBlockSchema,
  ReasoningBlockSchema,
  SectionBlockSchema,
]);
export type Block = z.infer<typeof BlockSchema>;
export type MessageBlock = z.infer<typeof MessageBlockSchema>;
export type TextBlock = z.infer<typeof TextBlockSchema>;
export type ReasoningBlock = z.infer<typeof ReasoningBlockSchema>;
export type SectionBlock = z.infer<typeof SectionBlockSchema>;
/** A block that holds Markdown: every type but a section heading. */
export type ContentBlock = Exclude<Block, SectionBlock>;

export const HaloSchema = z
  .strictObject({
    version: z.literal(HALO_VERSION, { error: `must be ${HALO_VERSION}` }),
    title: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(LIMITS.titleChars, `must be at most ${LIMITS.titleChars} characters`)
      .refine((title) => !onlyBidiControls(title), BIDI_ONLY),
    note: z.string().max(LIMITS.noteChars, `must be at most ${LIMITS.noteChars} characters`).optional(),
    source: SourceSchema,
    blocks: z
      .array(BlockSchema)
      .min(1, 'must hold at least one block')
      .max(LIMITS.blocks, `must hold at most ${LIMITS.blocks} blocks`),
    /** Search engines may index the page only when the author said so. */
    allowSearchEngines: z.boolean().optional(),
    /**
     * The language of the source page (issue 17): its <html lang> when that fits the text, else a
     * guess from the script. Absent: the server guesses from the text. Added compatibly (version 1).
     */
    lang: LangSchema.optional(),
  })
  .superRefine((halo, ctx) => {
    // An empty Halo is never published: at least one block must say something.
    if (!halo.blocks.some((block) => isContentBlock(block) && block.markdown.trim().length > 0)) {
      ctx.addIssue({ code: 'custom', path: ['blocks'], message: 'every block is empty' });
    }
    const illFormed = findIllFormedString(halo);
    if (illFormed) {
      ctx.addIssue({
        code: 'custom',
        path: illFormed,
        message: 'holds invalid text (a lone UTF-16 surrogate); replace it with U+FFFD',
      });
    }
  });
export type Halo = z.infer<typeof HaloSchema>;
