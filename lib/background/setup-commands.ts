import { browser } from '#imports';
import { quickShare } from '@/lib/background/quick-share';

/** The manifest's command name for quick share (wxt.config.ts `commands`). */
export const QUICK_SHARE_COMMAND = 'quick-share';

/** A command grants activeTab on the tab it was pressed in, like a toolbar click. */
export async function onCommand(command: string, tabId: number | undefined): Promise<void> {
  if (command !== QUICK_SHARE_COMMAND) return;
  // Browsers that do not pass the tab: the one the shortcut was pressed in is the active one.
  const target = tabId ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (target !== undefined) await quickShare(target);
}

export function setupCommands(): void {
  browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab?.id));
}
