import { readFile } from 'node:fs/promises';
import { test } from './harness';
import { openAtRealUrl } from './support/extension-driver';
test('debug', async ({ context, extension }) => {
  const html = (await readFile(new URL('../fixtures/chat-lazy/claude-lazy.html', import.meta.url), 'utf8')).replace('__OLDER__', '40');
  const page = await openAtRealUrl(context, 'https://claude.ai/chat/5e0c7a1d-lazy', html);
  page.on('console', (m) => console.log('PAGE', m.text()));
  console.log(await page.evaluate(() => document.querySelectorAll('.turn').length));
  const popup = await extension.clickToolbar(page);
  await new Promise((r) => setTimeout(r, 3000));
  console.log(await popup.evaluate<string>('document.body.innerText'));
});
