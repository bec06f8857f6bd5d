import { onMenuClick } from '@/lib/background/setup-context-menus';
import { onCommand } from '@/lib/background/setup-commands';

/**
 * Test builds only (`HALO_E2E=1 wxt build`, as `npm test` does): Playwright cannot click a native
 * context menu or press an extension shortcut, so tests/e2e call the very handlers those events
 * call, from the service worker, after a real toolbar click gave the same activeTab grant.
 */
export function exposeE2eHooks(): void {
  Object.assign(globalThis, { __haloE2E: { onMenuClick, onCommand } });
}
