import DOMPurify from 'dompurify';

const SAFE_URL = /^(https?:|mailto:)/i;
const SAFE_IMAGE = /^(https?:|data:image\/(png|jpeg|gif|webp|avif);)/i;

/**
 * Captured HTML is untrusted: DOMPurify removes anything that could run, then every link and
 * image is made absolute against the page, and anything that is not http(s)/mailto is dropped.
 * Returns a detached element of `doc` holding the clean content.
 */
export function sanitizeFragment(doc: Document, html: string, baseUrl: string): HTMLElement {
  const purify = DOMPurify(doc.defaultView as unknown as Window & typeof globalThis);
  const clean = purify.sanitize(html, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'select', 'textarea', 'svg', 'math', 'iframe', 'noscript'],
    RETURN_DOM_FRAGMENT: true,
  });
  const container = doc.createElement('div');
  container.appendChild(clean);
  // What the page hides is not what the user selected (DOMPurify keeps it; its style goes below).
  for (const hidden of Array.from(
    container.querySelectorAll('[hidden], [aria-hidden="true"], [style*="display:none"], [style*="display: none"]'),
  )) {
    hidden.remove();
  }
  for (const styled of Array.from(container.querySelectorAll('[style]'))) styled.removeAttribute('style');
  for (const a of Array.from(container.querySelectorAll('a'))) {
    const href = absolute(a.getAttribute('href'), baseUrl);
    if (href && SAFE_URL.test(href)) a.setAttribute('href', href);
    else a.removeAttribute('href');
  }
  for (const img of Array.from(container.querySelectorAll('img'))) {
    const src = absolute(img.getAttribute('src'), baseUrl);
    if (src && SAFE_IMAGE.test(src)) img.setAttribute('src', src);
    else img.remove();
  }
  return container;
}

function absolute(value: string | null, base: string): string | null {
  if (!value) return null;
  try {
    return new URL(value.trim(), base).href;
  } catch {
    return null;
  }
}
