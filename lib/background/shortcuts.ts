import { browser } from '#imports';
import { i18n } from '#i18n';

export interface Shortcut {
  description: string;
  /** The keys as the browser has them now ("" when the user removed the shortcut). */
  keys: string;
}

/** The extension's shortcuts as the user has them (they may have changed the defaults). */
export async function readShortcuts(): Promise<Shortcut[]> {
  const commands = await browser.commands.getAll();
  return commands.map((command) => ({
    description: command.description || (command.name === '_execute_action' ? i18n.t('commandOpen') : command.name!),
    keys: command.shortcut ?? '',
  }));
}

/** Where the user changes them: each browser has its own page. */
export function shortcutSettingsHint(): string {
  return import.meta.env.FIREFOX ? i18n.t('welcome.shortcutsFirefox') : i18n.t('welcome.shortcutsChrome');
}
