import DOMPurify from 'dompurify';
import { useMemo } from 'react';

/**
 * Rendered Markdown is already safe by construction (lib/halo/render.ts); DOMPurify runs again
 * before it touches the extension page, because captured content is untrusted (house rule 10).
 */
export function SafeHtml({ html, className }: { html: string; className?: string }) {
  const clean = useMemo(() => DOMPurify.sanitize(html, { USE_PROFILES: { html: true, mathMl: true } }), [html]);
  return <div className={className} dangerouslySetInnerHTML={{ __html: clean }} />;
}
