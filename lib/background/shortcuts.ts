import { browser } from '#imports';

export interface Shortcut {
  description: string;
  /** The keys as the browser has them now ("" when the user removed the shortcut). */
  keys: string;
}

/** The extension's shortcuts as the user has them (they may have changed the defaults). */
export async function readShortcuts(): Promise<Shortcut[]> {
  const commands = await browser.commands.getAll();
  return commands.map((command) => ({
    description: command.description || (command.name === '_execute_action' ? 'Open the Halo editor' : command.name!),
    keys: command.shortcut ?? '',
  }));
}

/** Where the user changes them: each browser has its own page. */
export function shortcutSettingsHint(): string {
  return import.meta.env.FIREFOX
    ? 'Change them in about:addons, under the gear menu: Manage Extension Shortcuts.'
    : 'Change them at chrome://extensions/shortcuts.';
}
