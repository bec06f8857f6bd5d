/**
 * Drives the built add-on in real Firefox ESR (issue 15). Playwright cannot download its own
 * Firefox here, so puppeteer-core speaks WebDriver BiDi to Debian's firefox-esr:
 * - the add-on is installed as a temporary add-on (BiDi `webExtension.install`) from the same
 *   `.output/firefox-mv3` a user would load, with no test hooks;
 * - its internal UUID is fixed by the `extensions.webextensions.uuids` pref, so its URLs are known;
 * - `--remote-allow-system-access` lets BiDi evaluate in the browser window's chrome context. That
 *   is how the tests do what only a person can do in Firefox's own UI, the counterpart of CDP's
 *   `Extensions.triggerAction` in the Chromium suite: click the toolbar button (Firefox's own
 *   `triggerAction`, which grants activeTab and opens the real popup), press a shortcut (the
 *   add-on's registered command), open an add-on page in a tab (BiDi itself refuses to navigate
 *   to moz-extension: URLs), read the clipboard and the browser console.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve(process.env.HALO_OUT_DIR ?? '.output', 'firefox-mv3');
/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const ADDON_ID = 'halo-lumin@halo.example';
export const ADDON_UUID = '5b0f1c2e-8d3a-4e7b-9c61-2f4a8e9d7b13';
export const ADDON_ORIGIN = `moz-extension://${ADDON_UUID}`;

/** What the chrome-context snippets start from: the add-on's Extension object and the ext-*.js globals. */
const PRELUDE = `const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
const ext = WebExtensionPolicy.getByID(${JSON.stringify(ADDON_ID)}).extension;
const apis = ExtensionParent.apiManager.global;`;

export interface LaunchOptions {
  /** Extra Firefox prefs (e.g. a small storage quota). */
  prefs?: Record<string, string | number | boolean>;
}

/** Puppeteer's BiDi connection: public on its BiDi browser, not on the shared Browser type. */
interface BidiConnection {
  send(method: string, params: object): Promise<unknown>;
}
const bidi = (browser: Browser): BidiConnection => (browser as unknown as { connection: BidiConnection }).connection;

interface BidiResult {
  type: 'success' | 'exception';
  result?: { type: string; value?: string };
  exceptionDetails?: { text?: string };
}

export class FirefoxDriver {
  private constructor(
    readonly browser: Browser,
    private readonly profileDir: string,
    private readonly chromeContext: string,
  ) {}

  static async launch(options: LaunchOptions = {}): Promise<FirefoxDriver> {
    const profileDir = await mkdtemp(join(tmpdir(), 'halo-firefox-'));
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: profileDir,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
        // A closed network: no update, telemetry or remote-settings traffic to wait on.
        'app.update.disabledForTesting': true,
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.reportingpolicy.firstRun': false,
        ...options.prefs,
      },
    });
    try {
      await browser.installExtension(FIREFOX_EXTENSION_DIR);
      const tree = (await bidi(browser).send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as {
        result: { contexts: { context: string; url: string }[] };
      };
      const window = tree.result.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
      if (!window) throw new Error('no browser window in the chrome scope');
      const driver = new FirefoxDriver(browser, profileDir, window.context);
      await driver.waitForBackground();
      return driver;
    } catch (error) {
      await browser.close().catch(() => undefined);
      await rm(profileDir, { recursive: true, force: true });
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await rm(this.profileDir, { recursive: true, force: true });
  }

  /**
   * Evaluates `body` (the inside of an async function, with `ext` and `apis` in scope) in the
   * browser window's chrome context; its return value comes back through JSON.
   */
  async chrome<T>(body: string): Promise<T> {
    const expression = `(async () => { ${PRELUDE}\nreturn JSON.stringify(await (async () => { ${body} })() ?? null); })()`;
    const answer = (await bidi(this.browser).send('script.evaluate', {
      expression,
      target: { context: this.chromeContext },
      awaitPromise: true,
      resultOwnership: 'none',
    })) as { result: BidiResult };
    const { result } = answer;
    if (result.type !== 'success') throw new Error(`chrome evaluate failed: ${result.exceptionDetails?.text}`);
    return JSON.parse(result.result?.value ?? 'null') as T;
  }

  /** Waits until the add-on's background page has started (its listeners are registered then). */
  private async waitForBackground(): Promise<void> {
    await this.chrome(`
      const deadline = Date.now() + 15000;
      while (!ext.backgroundContext && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 50));
      if (!ext.backgroundContext) throw new Error('the background page did not start');`);
  }

  /** Opens a fixture page at its real URL: its document is `html`; any other request of that origin is a 404. */
  async openAtRealUrl(url: string, html: string): Promise<Page> {
    const page = await this.browser.newPage();
    const origin = new URL(url).origin;
    await page.setRequestInterception(true);
    // A request still pending when its tab closes cannot be answered: that is not a failure.
    const ignoreClosed = () => undefined;
    page.on('request', (request) => {
      if (!request.url().startsWith(origin)) return void request.continue().catch(ignoreClosed);
      if (request.url() === url)
        return void request.respond({ status: 200, contentType: 'text/html', body: html }).catch(ignoreClosed);
      return void request.respond({ status: 404, contentType: 'text/plain', body: '' }).catch(ignoreClosed);
    });
    await page.goto(url);
    return page;
  }

  /** Makes the page's tab the selected one, as a person switching to it does. */
  async select(page: Page): Promise<void> {
    await page.bringToFront();
    const url = page.url();
    await this.chrome(`
      const tab = gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === ${JSON.stringify(url)});
      if (!tab) throw new Error('no tab at ' + ${JSON.stringify(url)});
      gBrowser.selectedTab = tab;`);
  }

  /** The tab id the add-on sees for the page's tab. */
  async tabIdOf(page: Page): Promise<number> {
    await this.select(page);
    return this.chrome<number>(`return apis.tabTracker.getId(gBrowser.selectedTab);`);
  }

  /**
   * A real toolbar click on the page's tab: Firefox's own browserAction.triggerAction, which
   * grants activeTab and opens the add-on's popup. Answers the URL the popup loaded.
   */
  async clickToolbar(page: Page): Promise<string> {
    await this.select(page);
    return this.chrome<string>(`
      await apis.browserActionFor(ext).triggerAction(window);
      const deadline = Date.now() + 10000;
      for (;;) {
        const popup = document.querySelector('browser.webextension-popup-browser');
        const url = popup?.currentURI?.spec ?? '';
        if (url.startsWith(${JSON.stringify(ADDON_ORIGIN)})) return url;
        if (Date.now() > deadline) throw new Error('no popup opened');
        await new Promise((ok) => setTimeout(ok, 50));
      }`);
  }

  /** Closes an open popup, as a click elsewhere does. */
  async closePopup(): Promise<void> {
    await this.chrome(`
      for (const panel of document.querySelectorAll('panel')) {
        if (panel.querySelector('browser.webextension-popup-browser') && panel.state !== 'closed') panel.hidePopup();
      }`);
  }

  /**
   * Presses one of the add-on's shortcuts (a `commands` key of the manifest) on the page's tab:
   * fires the <key> element Firefox bound to it, which runs Firefox's own command handling.
   */
  async pressShortcut(page: Page, command: string): Promise<void> {
    await this.select(page);
    await this.chrome(`
      const commands = await ext.shortcuts.commands;
      const shortcut = commands.get(${JSON.stringify(command)})?.shortcut;
      if (!shortcut) throw new Error('no shortcut for the command ' + ${JSON.stringify(command)});
      const parts = shortcut.split('+');
      const letter = parts.pop();
      const modifiers = parts.map((m) => m.toLowerCase().replace('command', 'accel').replace('macctrl', 'control')).sort().join(',');
      const keyset = document.getElementById('ext-keyset-id-' + ext.id.replace(/[^a-z0-9_-]/gi, '_'));
      const key = [...(keyset?.querySelectorAll('key') ?? [])].find((k) =>
        k.getAttribute('key') === letter && k.getAttribute('modifiers').split(',').sort().join(',') === modifiers);
      if (!key) throw new Error('Firefox bound no key to ' + shortcut);
      key.doCommand();`);
  }

  /**
   * Opens an add-on page (e.g. `popup.html?tabId=3&view=tab`) in a tab, as the add-on's own
   * "Open in a tab" does, and answers the Page scripting it (with the `browser.*` APIs).
   */
  async openAddonPage(path: string, timeoutMs?: number): Promise<Page> {
    const known = new Set(await this.browser.pages());
    const url = `${ADDON_ORIGIN}/${path.replace(/^\//, '')}`;
    await this.chrome(`
      gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(url)}, {
        triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
      });`);
    return this.waitForAddonPage((href) => href === url, known, timeoutMs);
  }

  /** The add-on page (in a tab) whose URL matches, once it exists and has loaded. */
  async waitForAddonPage(
    match: (href: string) => boolean,
    exclude = new Set<Page>(),
    timeoutMs = 15_000,
  ): Promise<Page> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const page of await this.browser.pages()) {
        if (exclude.has(page)) continue;
        // BiDi reports about:blank for pages the add-on opened; their own location is right.
        const href = await page
          .evaluate(() => (document.readyState === 'complete' ? location.href : ''))
          .catch(() => '');
        if (href && match(href)) return page;
      }
      if (Date.now() > deadline) throw new Error('no add-on page opened');
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }

  /** Points the add-on at an endpoint, as the options page saves it. */
  async setEndpoint(endpoint: string, apiToken = ''): Promise<void> {
    const page = await this.openAddonPage('options.html');
    await page.evaluate(
      (settings) => (globalThis as unknown as FirefoxAddonGlobal).browser.storage.local.set({ settings }),
      { endpoint, apiToken },
    );
    await page.close();
  }

  /** The system clipboard's text, read by the browser itself. */
  async readClipboard(): Promise<string> {
    return this.chrome<string>(`
      const transferable = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
      transferable.init(null);
      transferable.addDataFlavor('text/plain');
      Services.clipboard.getData(transferable, Ci.nsIClipboard.kGlobalClipboard, window.browsingContext.currentWindowContext);
      const data = {};
      try { transferable.getTransferData('text/plain', data); } catch { return ''; }
      return data.value.QueryInterface(Ci.nsISupportsString).data;`);
  }

  /** Errors the browser console holds from the add-on's own pages and scripts. */
  async addonConsoleErrors(): Promise<string[]> {
    return this.chrome<string[]>(`
      return Services.console.getMessageArray()
        // "Promise resolved after context unloaded": Firefox's word that a page closed while an
        // API call it made was pending (a welcome tab closed during its first storage read, an
        // editor saving its draft on pagehide). The call completed; the page was gone.
        // "FrameData missing for …": Firefox's own report (ExtensionPageChild.sys.mjs) that an add-on
        // page started before the parent process had its frame's data; the page goes on with no tab
        // id, which no Halo page reads. Seen once in a rehearsal, on the popup page the test opened.
        .filter((m) => m instanceof Ci.nsIScriptError && !(m.flags & Ci.nsIScriptError.warningFlag) &&
          !String(m.errorMessage).startsWith('Promise resolved after context unloaded') &&
          !(String(m.errorMessage).startsWith('FrameData missing for ') &&
            String(m.sourceName).startsWith('resource://gre/modules/ExtensionPageChild')) &&
          (String(m.sourceName).startsWith(${JSON.stringify(ADDON_ORIGIN)}) || String(m.errorMessage).includes(${JSON.stringify(ADDON_UUID)})))
        .map((m) => m.errorMessage + ' (' + m.sourceName + ':' + m.lineNumber + ')');`);
  }
}

/** The `browser` global of an add-on page, as far as the tests call it. */
export interface FirefoxAddonGlobal {
  browser: {
    storage: {
      local: { set(items: object): Promise<void>; get(key?: string | null): Promise<Record<string, unknown>> };
    };
    permissions: { getAll(): Promise<{ permissions?: string[]; origins?: string[]; data_collection?: string[] }> };
    runtime: { getManifest(): Record<string, unknown> };
  };
}
