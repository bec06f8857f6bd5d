import { renderHaloBody, type ImageResolver } from '@/lib/halo/render';
import { isContentBlock } from '@/lib/halo/block-text';
import type { Halo } from '@/lib/halo/schema';
import { haloStylesheet } from './assets';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** Plain-text summary for link previews: the note, else the first words of the first block. */
function summary(halo: Halo): string {
  const text = (halo.note?.trim() || halo.blocks.filter(isContentBlock).find((b) => b.markdown.trim())?.markdown || '')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~[\]()!|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}

/** The whole HTML document of a Halo page, rendered once at write time: zero scripts. */
export function renderPage(halo: Halo, pageUrl: string, resolveImage?: ImageResolver): string {
  const bodyHtml = renderHaloBody(halo, resolveImage);
  const title = escapeHtml(halo.title);
  const description = escapeHtml(summary(halo));
  const robots = halo.allowSearchEngines ? '' : '\n<meta name="robots" content="noindex, nofollow">';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>${robots}
<meta name="description" content="${description}">
<meta property="og:type" content="article">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${escapeHtml(pageUrl)}">
<meta property="og:site_name" content="Halo">
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${title}">
<meta name="twitter:description" content="${description}">
<link rel="stylesheet" href="${haloStylesheet().href}">
</head>
<body class="halo-page">
${bodyHtml}
<footer class="halo-footer">Shared with Halo</footer>
</body>
</html>
`;
}

/** Friendly 404 and 410 pages, in the same style. */
export function statusPage(status: 404 | 410): string {
  const [heading, text] =
    status === 404
      ? ['This Halo does not exist', 'Check the link: it may be incomplete or mistyped.']
      : ['This Halo was removed', 'Its author unpublished it. The link no longer shows anything.'];
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${heading}</title><link rel="stylesheet" href="${haloStylesheet().href}"></head>
<body class="halo-page"><main class="halo"><h1 class="halo-title">${heading}</h1><p>${text}</p></main></body>
</html>
`;
}
