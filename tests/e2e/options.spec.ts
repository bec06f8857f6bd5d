// The options page with bad input (issue 5, issue 2 "Bad input"): a clear message at the field,
// nothing saved; "Test connection" answers in a sentence.
import { expect, test } from './harness';

test('a non-http(s) endpoint is refused at the field and nothing is saved; Test connection reaches the server (issue 5)', async ({
  context,
  extension,
  server,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
  const endpoint = options.getByTestId('endpoint');
  await expect(endpoint).toHaveValue(server.url);

  await endpoint.fill('javascript:alert(1)');
  await options.getByTestId('save-options').click();
  await expect(options.getByTestId('options-status')).toHaveText('The endpoint must start with http:// or https://.');
  await expect(endpoint).toHaveAttribute('aria-invalid', 'true');
  expect(await extension.storageValue('settings')).toEqual({ endpoint: server.url, apiToken: '' });

  await options.getByTestId('test-connection').click();
  await expect(options.getByTestId('options-status')).toHaveText('The endpoint must start with http:// or https://.');
  await endpoint.fill(`${server.url}/`);
  await options.getByTestId('test-connection').click();
  await expect(options.getByTestId('options-status')).toHaveText(`Connected to the Halo server at ${server.url}.`);
});
