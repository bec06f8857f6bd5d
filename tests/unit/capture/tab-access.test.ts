// The side panel's permission path (issue 12): one site asked for at the moment of use, the answer
// remembered. The browser's prompt is faked (fakeBrowser); the rest is the real code.
import { beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { originPattern, requestSiteAccess } from '@/lib/capture/tab-access';
import { tabAccessItem } from '@/lib/storage/items';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

it('asks for exactly one site, and a grant clears an earlier refusal', async () => {
  await tabAccessItem.setValue({ refused: ['https://claude.ai/*'] });
  const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never);
  expect(await requestSiteAccess('https://claude.ai/chat/1#x', true)).toBe('granted');
  expect(request).toHaveBeenCalledWith({ origins: ['https://claude.ai/*'] });
  expect(await tabAccessItem.getValue()).toEqual({ refused: [] });
});

it('remembers a refusal and does not ask again unless asked to', async () => {
  const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false as never);
  expect(await requestSiteAccess('https://chatgpt.com/c/1')).toBe('refused');
  expect(await requestSiteAccess('https://chatgpt.com/c/2')).toBe('refused');
  expect(request).toHaveBeenCalledTimes(1);
  expect(await tabAccessItem.getValue()).toEqual({ refused: ['https://chatgpt.com/*'] });
});

it('never asks for a browser page or a malformed address (bad input)', async () => {
  const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never);
  expect(originPattern('chrome://settings')).toBeNull();
  expect(await requestSiteAccess('chrome://extensions')).toBe('refused');
  expect(await requestSiteAccess('not a url')).toBe('refused');
  expect(request).not.toHaveBeenCalled();
});
