import { browser } from '#imports';
import { i18n } from '#i18n';

/**
 * The toolbar button is where the background says how things stand while no extension page is
 * open: a short badge and a title (the tooltip) with the whole sentence. Always for every tab: a
 * tab's own setting would hide every later status on that tab.
 */
export async function showActionStatus(badge: string, title: string): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text: badge }),
    browser.action.setBadgeBackgroundColor({ color: BADGE_COLOURS[badge] ?? '#3b2f8f' }),
    browser.action.setBadgeTextColor?.({ color: '#ffffff' }),
    browser.action.setTitle({ title }),
  ]).catch((error: unknown) => console.warn('Halo: the toolbar status could not be set', error));
}

/**
 * Badge colours from the Halo mark (assets/halo-mark.svg): its deep indigo for news, a red that
 * keeps white text readable (4.5:1) for a failure. Issue 18.
 */
export const BADGE_COLOURS: Record<string, string> = { '': '#3b2f8f', '…': '#3b2f8f', '✓': '#3b2f8f', '!': '#b3261e' };

/** The button's own title (wxt.config.ts `action.default_title`), shown when there is no news. */
export const idleTitle = (): string => i18n.t('actionTitle');

/**
 * Opening Halo is seeing the news: a ✓ (published) is cleared then. A waiting (…) or failed (!)
 * publish keeps its badge until the queue changes it.
 */
export async function acknowledgeActionStatus(): Promise<void> {
  const badge = await browser.action.getBadgeText({}).catch(() => '');
  if (badge === '✓') await showActionStatus('', idleTitle());
}
