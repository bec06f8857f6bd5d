import { uiLocale } from '@/lib/i18n/ui-locale';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * "5 minutes ago", "yesterday", "just now" (numeric: auto says "now" for 0): when a draft was
 * edited or a Halo published, in the interface's language (issue 17).
 */
export function timeAgo(iso: string, now: number = Date.now()): string {
  const format = new Intl.RelativeTimeFormat(uiLocale(), { numeric: 'auto' });
  const elapsed = now - Date.parse(iso);
  if (Number.isFinite(elapsed) && elapsed >= 60_000) {
    for (const [unit, ms] of UNITS) {
      if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit);
    }
  }
  return format.format(0, 'second');
}
