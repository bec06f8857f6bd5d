import { browser } from '#imports';
import type { Source } from '@/lib/halo/schema';
import { tabAccessItem } from '@/lib/storage/items';

/** The origin pattern Halo asks for to read one site's tabs, e.g. `https://chatgpt.com/*`. */
export function originPattern(url: string): string | null {
  try {
    const { protocol, host } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? `${protocol}//${host}/*` : null;
  } catch {
    return null;
  }
}

/**
 * Asks for one site at the moment the side panel must read it without an activeTab grant (issue
 * 12): a click in the panel grants nothing, unlike a menu or a shortcut. Called first thing in the
 * click handler (the browser needs the gesture). A refusal is remembered: the panel does not ask
 * again for that site until the user asks it to.
 */
export async function requestSiteAccess(url: string, askAgain = false): Promise<'granted' | 'refused'> {
  const origin = originPattern(url);
  if (!origin) return 'refused';
  const refused = (await tabAccessItem.getValue()).refused;
  // Refused before: no second prompt unless asked (the click's transient activation outlives this read).
  if (refused.includes(origin) && !askAgain) return 'refused';
  const granted = await askBrowser(origin);
  await tabAccessItem.setValue({
    refused: granted ? refused.filter((o) => o !== origin) : [...new Set([...refused, origin])],
  });
  return granted ? 'granted' : 'refused';
}

/**
 * The browser's own prompt. Test builds only (HALO_E2E=1): Playwright cannot answer that native
 * dialog, so a test may answer it by setting `__haloE2EPermissionAnswer` on the page; the rest of
 * the path (remembering, the message, the draft unchanged) is the real one.
 */
async function askBrowser(origin: string): Promise<boolean> {
  if (__HALO_E2E__) {
    const e2e = globalThis as { __haloE2EPermissionAnswer?: boolean; __haloE2EPermissionAsked?: string[] };
    if (typeof e2e.__haloE2EPermissionAnswer === 'boolean') {
      (e2e.__haloE2EPermissionAsked ??= []).push(origin);
      return e2e.__haloE2EPermissionAnswer;
    }
  }
  return browser.permissions.request({ origins: [origin] }).catch(() => false);
}

/** The open tab showing `url` (without its #fragment), once the panel may read that site. */
export async function findTab(url: string): Promise<number | null> {
  const bare = url.split('#')[0];
  const tabs = await browser.tabs.query({ url: originPattern(url) ?? undefined });
  const tab = tabs.find((t) => t.url?.split('#')[0] === bare) ?? tabs.find((t) => t.active);
  return tab?.id ?? null;
}

/**
 * The page a drop came from: the panel's tab, when the panel may read its address (an activeTab
 * grant from a menu or the toolbar, or a granted site). Null otherwise: the drop says so.
 */
export async function pageSourceOf(tabId: number | null): Promise<Source | null> {
  if (tabId === null) return null;
  const tab = await browser.tabs.get(tabId).catch(() => null);
  const url = tab?.url;
  if (!url || !originPattern(url)) return null;
  return { url, title: tab.title ?? url, site: new URL(url).hostname, capturedAt: new Date().toISOString() };
}
