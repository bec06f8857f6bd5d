// Options bad input (issue 5, issue 2 "Bad input"): a clear message for the field at fault, and
// nothing invalid ever stored.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveSettings, testConnection } from '@/lib/publish/settings';
import { DEFAULT_ENDPOINT, settingsItem } from '@/lib/storage/items';

describe('saveSettings (issue 5)', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['ftp://halo.example.com', /must start with http:\/\/ or https:\/\//],
    ['javascript:alert(1)', /must start with http:\/\/ or https:\/\//],
    ['file:///etc/passwd', /must start with http:\/\/ or https:\/\//],
    ['halo.example.com', /must be a full URL, such as https:\/\/halo\.example\.com/],
    ['https://me:secret@halo.example.com', /API token in its own field/],
  ])('refuses the endpoint %s', async (endpoint, message) => {
    const outcome = await saveSettings({ endpoint, apiToken: '' });
    expect(outcome).toEqual({ ok: false, field: 'endpoint', message: expect.stringMatching(message) });
    expect(await settingsItem.getValue()).toEqual({ endpoint: DEFAULT_ENDPOINT, apiToken: '' });
  });

  it.each([
    ['a token with a newline inside', 'abc\ndef', /one line without control characters/],
    ['a token with a carriage return', 'abc\rdef', /one line without control characters/],
    ['a token with a tab', 'abc\tdef', /one line without control characters/],
    ['a token with a space', 'abc def', /must not contain spaces/],
  ])('refuses %s', async (_name, apiToken, message) => {
    const outcome = await saveSettings({ endpoint: DEFAULT_ENDPOINT, apiToken });
    expect(outcome).toEqual({ ok: false, field: 'apiToken', message: expect.stringMatching(message) });
    expect(await settingsItem.getValue()).toEqual({ endpoint: DEFAULT_ENDPOINT, apiToken: '' });
  });

  it('keeps a pasted token without its surrounding whitespace and the endpoint without a trailing slash', async () => {
    const outcome = await saveSettings({ endpoint: ' http://127.0.0.1:8787/ ', apiToken: '  tok-123\n' });
    expect(outcome).toEqual({ ok: true, settings: { endpoint: DEFAULT_ENDPOINT, apiToken: 'tok-123' } });
    expect(await settingsItem.getValue()).toEqual({ endpoint: DEFAULT_ENDPOINT, apiToken: 'tok-123' });
  });

  it('"Test connection" says what is wrong with an endpoint before trying it', async () => {
    expect(await testConnection('ftp://halo.example.com')).toEqual({
      ok: false,
      message: 'The endpoint must start with http:// or https://.',
    });
  });
});
