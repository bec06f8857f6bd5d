/**
 * The e2e fixtures: each test gets its own Chromium profile with the built extension, the real
 * Halo server on a loopback port with its own SQLite file, and a loopback server for fixture pages.
 */
import { test as base, expect, type BrowserContext } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHaloServer, type RunningServer, type StartOptions } from '../../server/start';
import {
  dismissWelcome,
  ExtensionDriver,
  launchWithExtension,
  serviceWorkerOf,
  startPageServer,
  type PageServer,
} from './support/extension-driver';

interface Fixtures {
  profileDir: string;
  serverOptions: StartOptions;
  server: RunningServer;
  pages: PageServer;
  context: BrowserContext;
  extension: ExtensionDriver;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  profileDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'halo-profile-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  serverOptions: [{}, { option: true }],
  server: async ({ serverOptions }, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'halo-db-'));
    const server = await startHaloServer({
      host: '127.0.0.1',
      port: 0,
      dbPath: join(dir, 'halos.db'),
      ...serverOptions,
    });
    await use(server);
    await server.close();
    await rm(dir, { recursive: true, force: true });
  },
  // eslint-disable-next-line no-empty-pattern
  pages: async ({}, use) => {
    const pages = await startPageServer();
    await use(pages);
    await pages.close();
  },
  context: async ({ profileDir }, use) => {
    const context = await launchWithExtension(profileDir);
    await use(context);
    await context.close();
  },
  extension: async ({ context, server }, use) => {
    const sw = await serviceWorkerOf(context);
    // A fresh profile is a first install: the welcome page opens (issue 19, tests/e2e/first-run.spec.ts).
    await dismissWelcome(context);
    const driver = new ExtensionDriver(context, new URL(sw.url()).host);
    await driver.setEndpoint(server.url);
    await use(driver);
  },
});

export { expect };
