import { defineConfig } from 'wxt';
import { buildEndpoint, buildRequiresToken } from './lib/publish/build-endpoint';

// HALO_OUT_DIR lets parallel builds (tests, benches) use their own output folder.
const outDir = process.env.HALO_OUT_DIR ?? '.output';
// A team's own server built in (issue 19); throws, failing the build, for an unsafe endpoint.
const defaultEndpoint = buildEndpoint(process.env.HALO_ENDPOINT);
const requireToken = buildRequiresToken(process.env.HALO_REQUIRE_TOKEN);

const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

export default defineConfig({
  imports: false,
  // One message catalogue (issue 17): locales/*.yml, compiled to _locales by @wxt-dev/i18n.
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  outDir,
  // HALO_E2E=1 (npm test's build) exposes the menu and shortcut handlers to tests/e2e; every other
  // build compiles that branch out (entrypoints/background/index.ts).
  vite: () => ({
    define: {
      __HALO_E2E__: JSON.stringify(process.env.HALO_E2E === '1'),
      __HALO_DEFAULT_ENDPOINT__: JSON.stringify(defaultEndpoint),
      __HALO_REQUIRE_TOKEN__: JSON.stringify(requireToken),
    },
  }),
  manifest: ({ browser }) => ({
    // The browser's language picks the catalogue (locales/*.yml); English when it has none.
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // activeTab + scripting: the capture script is injected on demand, never on every page.
    permissions: [
      'activeTab',
      'scripting',
      'storage',
      'contextMenus',
      'alarms',
      // Copying a published link from the background (offscreen document) without a user gesture.
      'clipboardWrite',
      // Chrome caps storage.local at 10 MB without it, and drafts of long threads (data: images,
      // code) are the user's work: no install warning in Chrome. Firefox's storage.local follows
      // IndexedDB's far larger limits, and there the permission would be shown at install.
      ...(browser === 'firefox' ? [] : ['offscreen', 'unlimitedStorage']),
    ],
    // What an administrator may set by policy (issue 19; Firefox reads enterprise policies instead).
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }),
    // Endpoints that do not answer CORS can be granted one by one from the options page.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    // The same message as idleTitle() in lib/background/action-status.ts.
    action: { default_title: '__MSG_actionTitle__', default_icon: ICONS },
    // From assets/halo-mark.svg by `npm run icons` (issue 18).
    icons: ICONS,
    commands: {
      // Opens the popup, which captures the tab afresh: the keyboard way to the editor.
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_commandOpen__',
      },
      // Alt+Shift+K: free in Chrome, Edge and Firefox (Alt+Shift+S is taken on ChromeOS).
      'quick-share': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandQuickShare__',
      },
      // Issue 12. Chrome allows four suggested keys: these two make four.
      'add-to-draft': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: '__MSG_commandAddToDraft__',
      },
      ...(browser === 'firefox'
        ? {
            _execute_sidebar_action: {
              suggested_key: { default: 'Alt+Shift+L' },
              description: '__MSG_commandSidePanel__',
            },
          }
        : {
            'open-side-panel': {
              suggested_key: { default: 'Alt+Shift+L' },
              description: '__MSG_commandSidePanel__',
            },
          }),
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'halo-lumin@halo.example',
              // 140: the first Firefox that reads data_collection_permissions.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['websiteContent'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 (AMO's linter checks it).
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
