import { pageDirection, pageLanguage, plainText, renderHaloBody, type ImageResolver } from '@/lib/halo/render';
import { withoutBidiControls } from '@/lib/halo/bidi';
import type { Halo } from '@/lib/halo/schema';
import { faviconLinks, haloStylesheet } from './assets';
import { CARD_HEIGHT, CARD_WIDTH } from './og-card';
import { haloSummary } from './summary';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The card's address: versioned by the content's time, so link previews fetch an updated card anew. */
export const cardUrl = (pageUrl: string, updatedAt: string): string =>
  `${pageUrl}/card.png?v=${Date.parse(updatedAt).toString(36)}`;

/** The whole HTML document of a Halo page, rendered once at write time: zero scripts. */
export function renderPage(halo: Halo, pageUrl: string, resolveImage?: ImageResolver, card?: string): string {
  const bodyHtml = renderHaloBody(halo, resolveImage);
  // Without bidi controls: a tab's title and a link preview cannot be reordered by them (issue 17).
  const title = plainText(halo.title);
  const description = escapeHtml(withoutBidiControls(haloSummary(halo)));
  // The schema checked `lang`; escaped all the same, as everything written into the page.
  const lang = escapeHtml(pageLanguage(halo));
  const dir = pageDirection(halo);
  const image = card
    ? `\n<meta property="og:image" content="${escapeHtml(card)}">\n<meta property="og:image:type" content="image/png">\n<meta property="og:image:width" content="${CARD_WIDTH}">\n<meta property="og:image:height" content="${CARD_HEIGHT}">\n<meta property="og:image:alt" content="${title}">`
    : '';
  const robots = halo.allowSearchEngines ? '' : '\n<meta name="robots" content="noindex, nofollow">';
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>${robots}
<meta name="description" content="${description}">
<meta property="og:type" content="article">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${escapeHtml(pageUrl)}">
<meta property="og:site_name" content="Halo">${image}
<meta name="twitter:card" content="${card ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${title}">
<meta name="twitter:description" content="${description}">
<link rel="stylesheet" href="${haloStylesheet().href}">
${faviconLinks()}
</head>
<body class="halo-page">
<a class="halo-skip" href="#content" lang="en" dir="ltr">Skip to content</a>
<main id="content">
${bodyHtml}
</main>
<footer class="halo-footer" lang="en" dir="ltr">Shared with Halo</footer>
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
<meta name="robots" content="noindex"><title>${heading}</title><link rel="stylesheet" href="${haloStylesheet().href}">
${faviconLinks()}</head>
<body class="halo-page"><main class="halo"><h1 class="halo-title">${heading}</h1><p>${text}</p></main></body>
</html>
`;
}
