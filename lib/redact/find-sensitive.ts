/**
 * Finds secrets and personal data in text before it is published. Service tokens come from
 * secretlint's maintained recommended rule set (GitHub, Slack, Stripe, Anthropic, npm, …), which
 * runs in the browser; the kinds it does not cover (OpenAI project keys, Google API keys, AWS key
 * ids, JWTs, private key blocks, generic `key=value` secrets, email addresses, phone numbers) are
 * rules of ours, each with look-alikes it must not flag (tests/unit/redact/).
 */
export type SensitiveKind = 'api-key' | 'private-key' | 'token' | 'secret' | 'email' | 'phone';

export interface Match {
  kind: SensitiveKind;
  start: number;
  end: number;
  /** Which rule found it, for the findings list. */
  rule: string;
}

export const REDACTION_LABEL: Record<SensitiveKind, string> = {
  'api-key': '[redacted API key]',
  'private-key': '[redacted private key]',
  token: '[redacted token]',
  secret: '[redacted secret]',
  email: '[redacted email]',
  phone: '[redacted phone number]',
};

/** Documentation placeholders look like keys but are not: "sk-...", "YOUR_API_KEY", "xxxx", "EXAMPLE". */
function isPlaceholder(value: string): boolean {
  return (
    /\.\.\.|…|<[^>]*>|\{\{|your[_-]?|example|placeholder|changeme|dummy|redacted|sample|test[_-]?key/i.test(value) ||
    /(x{4,}|X{4,}|\*{3,}|0{8,}|(.)\2{7,})/.test(value)
  );
}

function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

interface Rule {
  name: string;
  kind: SensitiveKind;
  pattern: RegExp;
  /** The capture group holding the secret itself, when the pattern also matches its key. */
  group?: number;
  accept?: (value: string, text: string, index: number) => boolean;
}

const hasDigitAndLetter = (v: string) => /\d/.test(v) && /[A-Za-z]/.test(v);

const RULES: Rule[] = [
  {
    name: 'openai',
    kind: 'api-key',
    pattern: /\bsk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}/g,
    accept: (v) => !/^sk-ant-/.test(v) && hasDigitAndLetter(v) && entropy(v) > 3.5,
  },
  { name: 'google-api-key', kind: 'api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  {
    name: 'aws-access-key-id',
    kind: 'api-key',
    pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/g,
    accept: (v) => !/EXAMPLE$/.test(v),
  },
  { name: 'jwt', kind: 'token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  {
    name: 'private-key',
    kind: 'private-key',
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g,
  },
  {
    name: 'generic-secret',
    kind: 'secret',
    pattern:
      /\b(?:\w*?[_-])?(?:api[_-]?key|apikey|secret(?:[_-]?key)?|client[_-]?secret|access[_-]?token|auth[_-]?token|token|password|passwd|pwd)\b["']?\s*[:=]\s*["']?([A-Za-z0-9_\-+/=.~!@#$%^&*]{12,})/gi,
    group: 1,
    accept: (v) => v.length >= 12 && entropy(v) >= 3.3 && /\d/.test(v) && /[A-Za-z]/.test(v),
  },
  {
    name: 'email',
    kind: 'email',
    pattern: /\b[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}\b/g,
    accept: (v, text, index) =>
      !/@(?:[a-z0-9-]+\.)*(?:example\.(?:com|org|net)|example|test|invalid|localhost)$/i.test(v) &&
      // user@host inside a URL or a git remote is an address, not a person's email.
      !/[/:]$/.test(text.slice(Math.max(0, index - 1), index)) &&
      text[index + v.length] !== ':' &&
      !/\.(png|jpe?g|gif|webp|svg)$/i.test(v),
  },
  {
    name: 'phone',
    kind: 'phone',
    pattern: /(?<![\w.+/-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]\d{1,6}){1,5}(?![\w.-])/g,
    accept: (v) => {
      const digits = v.replace(/\D/g, '');
      if (digits.length < 9 || digits.length > 15) return false;
      // Dates, times, versions and IP addresses have this shape too.
      if (/^\d{4}[-.]\d{2}[-.]\d{2}$/.test(v) || /^\d{1,3}(\.\d{1,3}){3}$/.test(v)) return false;
      return /^\+|\(|^0|^\d{3}[ .-]\d{3}[ .-]\d{4}$/.test(v) || /^\+/.test(v.trim());
    },
  },
];

/**
 * secretlint and its rules are loaded on the first scan, not with the page (issue 18, lean
 * bundles): the editor opens without parsing them, and the scan runs after the draft is shown.
 */
let secretlint:
  Promise<{ lintSource: typeof import('@secretlint/core').lintSource; config: { rules: unknown[] } }> | undefined;
function loadSecretlint() {
  secretlint ??= Promise.all([
    import('@secretlint/core'),
    import('@secretlint/profiler'),
    import('@secretlint/secretlint-rule-preset-recommend'),
  ]).then(
    ([core, profiler, preset]) => {
      // secretlint profiles every rule on every text with performance.mark() unless told not to: in the
      // popup that was most of the time spent scanning a 500-block draft, and the marks are never freed.
      profiler.secretLintProfiler.setEnabled(false);
      return {
        lintSource: core.lintSource,
        config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }] },
      };
    },
    (error: unknown) => {
      // A failed chunk load is tried again on the next scan.
      secretlint = undefined;
      throw error;
    },
  );
  return secretlint;
}

/** Every sensitive span in `text`, without overlaps, in order. */
export async function findSensitive(text: string): Promise<Match[]> {
  const { lintSource, config } = await loadSecretlint();
  const found: Match[] = [];
  const lint = await lintSource({
    source: { content: text, filePath: '/halo.md', ext: '.md', contentType: 'text' },
    options: { config: config as never },
  });
  for (const message of lint.messages) {
    const [start, end] = message.range;
    const value = text.slice(start, end);
    if (isPlaceholder(value)) continue;
    const kind: SensitiveKind = /PRIVATE_KEY/i.test(message.messageId) ? 'private-key' : 'api-key';
    found.push({ kind, start, end, rule: message.ruleId.replace('@secretlint/secretlint-rule-', 'secretlint:') });
  }
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      const value = rule.group ? m[rule.group]! : m[0];
      const start = rule.group ? m.index! + m[0].lastIndexOf(value) : m.index!;
      if (isPlaceholder(value)) continue;
      if (rule.accept && !rule.accept(value, text, start)) continue;
      found.push({ kind: rule.kind, start, end: start + value.length, rule: rule.name });
    }
  }
  // The longest match wins where two rules see the same secret.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Match[] = [];
  for (const match of found) {
    const last = merged.at(-1);
    if (last && match.start < last.end) continue;
    merged.push(match);
  }
  return merged;
}

/** Replaces the given spans by visible labels, from the end so offsets stay valid. */
export function redact(text: string, matches: Match[]): string {
  let out = text;
  for (const m of [...matches].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, m.start) + REDACTION_LABEL[m.kind] + out.slice(m.end);
  }
  return out;
}
