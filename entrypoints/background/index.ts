import { defineBackground } from '#imports';
import { setupContextMenus } from '@/lib/background/setup-context-menus';
import { setupMessages } from '@/lib/background/setup-messages';
import { setupQueue } from '@/lib/background/setup-queue';

export default defineBackground(() => {
  setupMessages();
  setupContextMenus();
  setupQueue();
});
