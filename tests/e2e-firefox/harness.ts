/**
 * The Firefox e2e fixtures (issue 15): the real Halo server from the Chromium harness, and real
 * Firefox ESR with the built add-on, pointed at that server.
 */
import { test as base } from '../e2e/harness';
import { FirefoxDriver, type LaunchOptions } from './support/firefox-driver';

interface Fixtures {
  firefoxOptions: LaunchOptions;
  firefox: FirefoxDriver;
}

export const test = base.extend<Fixtures>({
  firefoxOptions: [{}, { option: true }],
  firefox: async ({ firefoxOptions, server }, use) => {
    const firefox = await FirefoxDriver.launch(firefoxOptions);
    try {
      await firefox.setEndpoint(server.url);
      await use(firefox);
    } finally {
      await firefox.close();
    }
  },
});

export { expect } from '../e2e/harness';
