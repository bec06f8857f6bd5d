// First: zod must be jitless before any schema module loads (lib/halo/zod-jitless.ts).
import '@/lib/halo/zod-jitless';
import { defineBackground } from '#imports';
import { exposeE2eHooks } from '@/lib/background/expose-e2e-hooks';
import { setupCommands } from '@/lib/background/setup-commands';
import { setupContextMenus } from '@/lib/background/setup-context-menus';
import { setupFirstRun } from '@/lib/background/setup-first-run';
import { setupMessages } from '@/lib/background/setup-messages';
import { setupPublishStatus } from '@/lib/background/publish-status';
import { setupQueue } from '@/lib/background/setup-queue';

export default defineBackground(() => {
  setupFirstRun();
  setupMessages();
  setupContextMenus();
  setupCommands();
  setupPublishStatus();
  setupQueue();
  // Compiled out of every build but the e2e one (wxt.config.ts).
  if (__HALO_E2E__) exposeE2eHooks();
});
