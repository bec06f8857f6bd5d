/**
 * Drivers for the built extension in Debian Chromium: launch, toolbar click, the real popup,
 * clipboard, and a loopback server for fixture pages. Used by the e2e fixtures (harness.ts),
 * the screenshot script and the benches.
 */
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

/** The slice of the extension API the tests call inside the service worker. */
declare const chrome: {
  storage: {
    local: {
      set(items: object): Promise<void>;
      get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
    };
  };
  tabs: { query(query: object): Promise<{ id?: number; url?: string; active?: boolean }[]> };
  action: {
    setPopup(details: { tabId: number; popup: string }): Promise<void>;
    getBadgeText(details: object): Promise<string>;
    getTitle(details: object): Promise<string>;
    onClicked: {
      addListener(listener: (tab: { id?: number }) => void): void;
      removeListener(listener: (tab: { id?: number }) => void): void;
    };
  };
};

/** What lib/background/expose-e2e-hooks.ts puts on the worker's global scope in a test build. */
interface E2eHooks {
  onMenuClick(menuItemId: string, tabId: number): Promise<void>;
  onCommand(command: string, tabId: number): Promise<void>;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve(process.env.HALO_OUT_DIR ?? '.output', 'chrome-mv3');

const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts Chromium with the built extension on a profile folder (reused to test a browser restart).
 * `extensionDir`: another build of it (e.g. one made with HALO_ENDPOINT).
 */
export async function launchWithExtension(
  profileDir: string,
  extensionDir = EXTENSION_DIR,
  options: { lang?: string } = {},
): Promise<BrowserContext> {
  const { lang } = options;
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...QUIET_FLAGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(lang ? [`--lang=${lang}`] : []),
    ],
    // The browser's UI language (issue 17): on Linux Chromium takes it from the environment; the
    // flag alone sets only the pages' Accept-Language (/work/shared/testing-recipes.md).
    ...(lang ? { env: { ...process.env, LANGUAGE: lang, LANG: `${lang}.UTF-8`, LC_ALL: '' }, locale: lang } : {}),
  });
}

/** The welcome page the extension opens when installed (issue 19), once it is open. */
export async function welcomePage(context: BrowserContext, timeoutMs = 10_000): Promise<Page> {
  const isWelcome = (page: Page) => /^chrome-extension:\/\/[a-p]{32}\/welcome\.html$/.test(page.url());
  const open = context.pages().find(isWelcome);
  if (open) {
    await open.waitForLoadState();
    return open;
  }
  const page = await context.waitForEvent('page', { predicate: isWelcome, timeout: timeoutMs });
  await page.waitForLoadState();
  return page;
}

/**
 * Closes the welcome page a fresh profile opens on install, so that it cannot take the focus
 * from the page a test works on.
 */
export async function dismissWelcome(context: BrowserContext): Promise<void> {
  await (await welcomePage(context)).close();
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  return existing ?? (await context.waitForEvent('serviceworker'));
}

/** Selects the contents of the first element matching `selector`, as a person dragging over it would. */
export async function selectContents(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(sel)!);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }, selector);
}

/**
 * Opens a fixture page at its real URL (e.g. https://chatgpt.com/c/…): the page's document is
 * `html`, every other request of that origin answers 404, nothing reaches the network.
 */
export async function openAtRealUrl(context: BrowserContext, url: string, html: string): Promise<Page> {
  const page = await context.newPage();
  await page.route(`${new URL(url).origin}/**`, (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ contentType: 'text/html', body: html })
      : route.fulfill({ status: 404, body: '' }),
  );
  await page.goto(url);
  return page;
}

/** A loopback static server for fixture pages ("a fixture page on 127.0.0.1"). */
export interface PageServer {
  url: string;
  /** Serves `html` at `path` (default "/"), returning its absolute URL. */
  serve(path: string, html: string): string;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const body = pages.get((req.url ?? '/').split('?')[0]!);
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    serve(path, html) {
      pages.set(path, html);
      return url + path;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

/** The real popup opened by a real toolbar click, scripted over raw CDP (it is not a Playwright page). */
export class RealPopup {
  private nextId = 1;
  private pending = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();

  private constructor(
    private readonly cdp: CDPSession,
    readonly targetId: string,
    private readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== this.sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: unknown };
      if (message.id !== undefined) this.pending.get(message.id)?.(message);
    });
  }

  static async attach(cdp: CDPSession, targetId: string): Promise<RealPopup> {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
    return new RealPopup(cdp, targetId, sessionId);
  }

  /** Evaluates an expression in the popup (awaiting promises) and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const id = this.nextId++;
    const answer = new Promise<{ result?: unknown; error?: unknown }>((ok) => this.pending.set(id, ok));
    await this.cdp.send('Target.sendMessageToTarget', {
      sessionId: this.sessionId,
      message: JSON.stringify({
        id,
        method: 'Runtime.evaluate',
        params: { expression, awaitPromise: true, returnByValue: true },
      }),
    });
    const message = await answer;
    this.pending.delete(id);
    const result = message.result as { result?: { value?: T }; exceptionDetails?: { text: string } } | undefined;
    if (message.error || result?.exceptionDetails) {
      throw new Error(`popup evaluate failed: ${JSON.stringify(message.error ?? result?.exceptionDetails)}`);
    }
    return result?.result?.value as T;
  }

  /** Polls an expression in the popup until it is truthy, returning its value. */
  async waitFor<T>(expression: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluate<T>(expression).catch(() => undefined);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting in the popup for: ${expression}`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }

  /** Sends a raw CDP command to the popup's page (e.g. Input.insertText). */
  async send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    const answer = new Promise<{ result?: unknown; error?: unknown }>((ok) => this.pending.set(id, ok));
    await this.cdp.send('Target.sendMessageToTarget', {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    const message = await answer;
    this.pending.delete(id);
    if (message.error) throw new Error(`${method} failed: ${JSON.stringify(message.error)}`);
    return message.result;
  }

  /** Types into a field as a person would: focus, select what is there, insert the text. */
  async type(selector: string, text: string): Promise<void> {
    await this.evaluate(
      `(() => { const el = document.querySelector(${JSON.stringify(selector)}); el.focus(); el.select?.(); return true; })()`,
    );
    await this.send('Input.insertText', { text });
  }

  /**
   * Clicks the first element matching the selector once it is enabled, as a person waits for a
   * greyed-out button: a scripted click() on a disabled button is silently dropped (the CI failure
   * of generic-chat.spec, where Publish was still disabled while the capture finished).
   */
  async click(selector: string, timeoutMs?: number): Promise<void> {
    // Found and clicked in one evaluation: between two, a re-render may take the element away (CI
    // failure of publish-failures.spec, where the queue's own retry removed the Retry button).
    await this.waitFor(
      `(() => { const el = document.querySelector(${JSON.stringify(selector)}); if (!el || el.disabled) return false; el.click(); return true; })()`,
      timeoutMs,
    );
  }

  /**
   * Clicks the first element matching the selector with the mouse (CDP Input events): a real user
   * gesture, which APIs such as chrome.sidePanel.open require; a scripted click() is none.
   */
  async mouseClick(selector: string): Promise<void> {
    await this.waitFor(`!!document.querySelector(${JSON.stringify(selector)})`);
    const { x, y } = await this.evaluate<{ x: number; y: number }>(
      `(() => { const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
    );
    for (const type of ['mousePressed', 'mouseReleased'])
      await this.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount: 1 });
  }

  /** Closes the popup as losing focus does, and waits until it is gone (a closing popup blocks the next). */
  async close(): Promise<void> {
    await this.cdp.send('Target.closeTarget', { targetId: this.targetId }).catch(() => undefined);
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const { targetInfos } = await this.cdp.send('Target.getTargets');
      if (!targetInfos.some((t) => t.targetId === this.targetId)) return;
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }
}

/** What a test does with the extension. */
export class ExtensionDriver {
  constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
  ) {}

  get serviceWorker(): Promise<Worker> {
    return serviceWorkerOf(this.context);
  }

  /** Points the extension at an endpoint, as the options page would. */
  async setEndpoint(endpoint: string, apiToken = ''): Promise<void> {
    const sw = await this.serviceWorker;
    await sw.evaluate((settings) => chrome.storage.local.set({ settings }), { endpoint, apiToken });
  }

  /** Writes keys of the extension's storage.local, as the extension stores them. */
  async setStorage(items: Record<string, unknown>): Promise<void> {
    const sw = await this.serviceWorker;
    await sw.evaluate((values) => chrome.storage.local.set(values), items);
  }

  /** Reads one key of the extension's storage.local, as the extension stores it. */
  async storageValue<T>(key: string): Promise<T> {
    const sw = await this.serviceWorker;
    return sw.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key) as Promise<T>;
  }

  /** What the toolbar button says on every tab: badge text and title (its tooltip). */
  async actionStatus(): Promise<{ badge: string; title: string }> {
    const sw = await this.serviceWorker;
    return sw.evaluate(async () => ({
      badge: await chrome.action.getBadgeText({}),
      title: await chrome.action.getTitle({}),
    }));
  }

  /** The tab id the extension sees for a page (without the "tabs" permission urls are hidden, so: focus it). */
  async tabIdOf(page: Page): Promise<number> {
    await page.bringToFront();
    const sw = await this.serviceWorker;
    return sw.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (tab?.id === undefined) throw new Error('no active tab');
      return tab.id;
    });
  }

  private cdpSession?: CDPSession;
  private async cdp(): Promise<CDPSession> {
    const browser = this.context.browser();
    if (!browser) throw new Error('no browser behind this context');
    this.cdpSession ??= await browser.newBrowserCDPSession();
    return this.cdpSession;
  }

  /** The page's tab as a CDP target: the *tab* target, which Extensions.triggerAction needs. */
  private async tabTarget(page: Page): Promise<string> {
    await page.bringToFront();
    const { targetInfos } = await (await this.cdp()).send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tab = targetInfos.find((t) => t.url === page.url());
    if (!tab) throw new Error(`no tab target for ${page.url()}`);
    return tab.targetId;
  }

  /**
   * A real toolbar click on the page's tab (CDP Extensions.triggerAction): grants activeTab and
   * opens the real popup, which is returned once it has loaded.
   */
  async clickToolbar(page: Page): Promise<RealPopup> {
    const targetId = await this.tabTarget(page);
    const cdp = await this.cdp();
    return this.nextPopup(() =>
      cdp.send('Extensions.triggerAction' as never, { id: this.extensionId, targetId } as never),
    );
  }

  /**
   * The activeTab grant a context-menu click or a shortcut gives, without opening the popup: a real
   * toolbar click while the tab's button has no popup (then the popup is put back).
   */
  async grantActiveTab(page: Page): Promise<number> {
    const tabId = await this.tabIdOf(page);
    const targetId = await this.tabTarget(page);
    const sw = await this.serviceWorker;
    // The popup is put back only once the click has arrived as a click (action.onClicked): put
    // back sooner, a click still on its way opens the popup instead, whose own capture then
    // changes the draft the test is adding to (a cause of flaky adds in CI).
    await sw.evaluate(async (id) => {
      await chrome.action.setPopup({ tabId: id, popup: '' });
      const g = globalThis as { __haloClicked?: Promise<boolean> };
      g.__haloClicked = new Promise<boolean>((done) => {
        const listener = (tab: { id?: number }) => {
          if (tab.id !== id) return;
          chrome.action.onClicked.removeListener(listener);
          done(true);
        };
        chrome.action.onClicked.addListener(listener);
        setTimeout(() => {
          chrome.action.onClicked.removeListener(listener);
          done(false);
        }, 10_000);
      });
    }, tabId);
    await (await this.cdp()).send('Extensions.triggerAction' as never, { id: this.extensionId, targetId } as never);
    const clicked = await sw.evaluate(() => (globalThis as { __haloClicked?: Promise<boolean> }).__haloClicked);
    await sw.evaluate((id) => chrome.action.setPopup({ tabId: id, popup: 'popup.html' }), tabId);
    if (!clicked) throw new Error('the toolbar click that grants activeTab never arrived');
    return tabId;
  }

  /** Runs `action` and returns the real popup it opened (toolbar click, or the background's openPopup). */
  async nextPopup(action: () => Promise<unknown>): Promise<RealPopup> {
    const cdp = await this.cdp();
    const popupUrl = `chrome-extension://${this.extensionId}/popup.html`;
    const before = new Set(
      (await cdp.send('Target.getTargets')).targetInfos
        .filter((t) => t.url.startsWith(popupUrl))
        .map((t) => t.targetId),
    );
    await action();
    // The action may capture, scan for secrets and save before the popup opens: slow on a busy machine.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { targetInfos: all } = await cdp.send('Target.getTargets');
      const popup = all.find((t) => t.type === 'page' && t.url.startsWith(popupUrl) && !before.has(t.targetId));
      if (popup) {
        const handle = await RealPopup.attach(cdp, popup.targetId);
        await handle.waitFor('document.readyState === "complete"');
        return handle;
      }
      if (Date.now() > deadline) throw new Error('no popup opened');
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }

  /**
   * The real side panel (issue 12) once its page has loaded: like the real popup it is no page of
   * the Playwright context, so it is scripted over raw CDP.
   */
  async sidePanel(timeoutMs = 20_000): Promise<RealPopup> {
    const cdp = await this.cdp();
    const panelUrl = `chrome-extension://${this.extensionId}/sidepanel.html`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const panel = (await this.sidePanelTargets()).find((t) => t.url.startsWith(panelUrl));
      if (panel) {
        const handle = await RealPopup.attach(cdp, panel.targetId);
        await handle.waitFor('document.readyState === "complete"');
        return handle;
      }
      if (Date.now() > deadline) throw new Error('no side panel opened');
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }

  /** Whether a CDP target (a real popup or side panel) is still open. */
  async isOpen(targetId: string): Promise<boolean> {
    const { targetInfos } = await (await this.cdp()).send('Target.getTargets');
    return targetInfos.some((t) => t.targetId === targetId);
  }

  /** The side panel pages the browser has open (none, or one per window). */
  async sidePanelTargets(): Promise<{ targetId: string; url: string }[]> {
    const panelUrl = `chrome-extension://${this.extensionId}/sidepanel.html`;
    const { targetInfos } = await (await this.cdp()).send('Target.getTargets');
    return targetInfos.filter((t) => t.type === 'page' && t.url.startsWith(panelUrl));
  }

  /**
   * A context-menu click (`menuItemId` from setup-context-menus.ts) or a shortcut (`command` from
   * setup-commands.ts) on the page, through the handler the native event calls. Needs a build with
   * HALO_E2E=1 (npm test makes one); the grant comes from grantActiveTab, as a real click gives it.
   */
  async press(page: Page, event: { menuItemId: string } | { command: string }): Promise<void> {
    const tabId = await this.grantActiveTab(page);
    const sw = await this.serviceWorker;
    await sw.evaluate(
      async ({ tabId, event }) => {
        const hooks = (globalThis as { __haloE2E?: E2eHooks }).__haloE2E;
        if (!hooks)
          throw new Error('This build has no e2e hooks: build it with `HALO_E2E=1 npx wxt build` (npm test does).');
        if ('menuItemId' in event) await hooks.onMenuClick(event.menuItemId, tabId);
        else await hooks.onCommand(event.command, tabId);
      },
      { tabId, event },
    );
  }

  /** The editor in an ordinary tab, aimed at a target tab (as "Open in a tab" does). */
  async openPopupTab(targetTabId?: number): Promise<Page> {
    const page = await this.context.newPage();
    const query = targetTabId === undefined ? '' : `?tabId=${targetTabId}`;
    await page.goto(`chrome-extension://${this.extensionId}/popup.html${query}`);
    return page;
  }

  /** Reads the system clipboard from a page at `url` (not a sandboxed one: it has no origin to grant). */
  async readClipboard(url: string): Promise<string> {
    await this.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
    const page = await this.context.newPage();
    try {
      await page.goto(url);
      await page.bringToFront();
      return await page.evaluate(() => navigator.clipboard.readText());
    } finally {
      await page.close();
    }
  }
}
