// Issue 17: the sentences made outside the components (a capture's failure, the toolbar's title,
// the options page's checks, the editor's announcements and undo steps) follow the browser's
// language too, with their facts; in English they stay word for word what they were.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chromeMessages, getMessageFrom } from '../../support/catalogue';
import { geminiOlderTurns } from '@/lib/capture/chat/gemini';
import { guardCapture } from '@/lib/capture/guard-capture';
import { say } from '@/lib/capture/say';
import type { Capture, CaptureResult, FailureWording } from '@/lib/capture/types';
import { addToDraft } from '@/lib/draft/repository';
import { useEditor } from '@/lib/draft/store';
import { LIMITS } from '@/lib/halo/limits';
import { describeNotice } from '@/lib/i18n/notice';
import { saveSettings } from '@/lib/publish/settings';

const english = fakeBrowser.i18n.getMessage;

async function speak(locale: string) {
  const getMessage = getMessageFrom(await chromeMessages(locale));
  fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) =>
    getMessage(key, subs)) as typeof fakeBrowser.i18n.getMessage;
}

const article = (blocks: number, chars = 10): Capture => ({
  kind: 'article',
  title: 'Notes',
  source: { url: 'https://example.com/a', title: 'Notes', site: 'example.com', capturedAt: '2026-12-01T08:00:00Z' },
  blocks: Array.from({ length: blocks }, () => ({
    block: { type: 'text', markdown: 'x'.repeat(chars) },
    included: true,
  })),
  warnings: [],
});

const failure = (result: unknown) => result as Extract<CaptureResult, { ok: false }>;

afterEach(() => {
  fakeBrowser.i18n.getMessage = english;
});

describe('in English', () => {
  it('a capture failure is said in its own, more specific words', () => {
    const tooMany = failure(guardCapture(() => ({ ok: true, capture: article(LIMITS.blocks + 1) })));
    expect(describeNotice(tooMany)).toBe(tooMany.message);
    expect(tooMany.message).toMatch(/^This capture has [\d,]+ parts; a Halo holds at most [\d,]+\./);
  });
});

describe('in Spanish', () => {
  beforeEach(() => speak('es'));

  it('a capture too large says how large, in Spanish numbers', () => {
    const tooMany = failure(guardCapture(() => ({ ok: true, capture: article(LIMITS.blocks + 1) })));
    expect(tooMany.code).toBe('too_large');
    const count = new Intl.NumberFormat('es').format(LIMITS.blocks + 1);
    expect(describeNotice(tooMany)).toBe(
      `Esta captura tiene ${count} partes; un Halo admite como máximo ${new Intl.NumberFormat('es').format(LIMITS.blocks)}. Selecciona solo la parte que quieras compartir.`,
    );
    const tooLong = failure(guardCapture(() => ({ ok: true, capture: article(1, LIMITS.blockMarkdownChars + 1) })));
    expect(describeNotice(tooLong)).toMatch(/^Una parte de esta captura tiene [\d.]+ caracteres/);
  });

  it('a page that throws is said in Spanish, with what it threw', () => {
    const thrown = failure(
      guardCapture(() => {
        throw new TypeError('boom');
      }),
    );
    expect(describeNotice(thrown)).toBe(
      'No se pudo capturar la página (TypeError: boom). Recárgala y vuelve a intentarlo, o selecciona la parte que quieras compartir.',
    );
  });

  it('every failure wording has its sentence, with nothing left unfilled', () => {
    const wordings: FailureWording[] = [
      { key: 'noAnswer' },
      { key: 'empty' },
      { key: 'threadGone' },
      { key: 'threadShrank' },
      { key: 'timedOut', seconds: 25 },
      { key: 'pageError', detail: 'x' },
      { key: 'captureFailed', detail: 'x' },
      { key: 'tooManyParts', count: 3, limit: 2 },
      { key: 'partTooLong', count: 3, limit: 2 },
    ];
    const said = wordings.map((wording) => describeNotice({ code: 'failed', message: 'English', wording }));
    for (const sentence of said) expect(sentence).toMatch(/^[^$]{10,}$/);
    expect(new Set(said).size).toBe(wordings.length);
    expect(said[4]).toContain('25 segundos');
  });

  it("the options page's checks answer in Spanish and save nothing", async () => {
    expect(await saveSettings({ endpoint: 'ftp://halo.example.com', apiToken: '' })).toEqual({
      ok: false,
      field: 'endpoint',
      message: 'La dirección del servidor debe empezar por http:// o https://.',
    });
    expect(await saveSettings({ endpoint: 'https://halo.example.com', apiToken: 'a b' })).toMatchObject({
      field: 'apiToken',
      message: 'El token de API no puede contener espacios.',
    });
  });

  it('the editor announces a move and its undo in Spanish', async () => {
    fakeBrowser.reset();
    await speak('es');
    await addToDraft(article(3));
    await useEditor.getState().init(null);
    const { draft } = useEditor.getState();
    if (!draft) throw new Error('no draft');
    useEditor.getState().moveBlock(draft.blocks[0]!.id, 1);
    expect(useEditor.getState().announcement?.text).toBe('Bloque 1 movido a la posición 2 de 3.');
    useEditor.getState().undo();
    expect(useEditor.getState().announcement?.text).toBe('Deshecho: mover el bloque 1.');
  });
});

describe("a capture's warnings", () => {
  it('are written in the language of the browser that captured (the page reads the catalogue)', async () => {
    expect(geminiOlderTurns()).toMatch(/^Gemini loads older turns only as you scroll up/);
    await speak('ja');
    expect(geminiOlderTurns()).toMatch(/^Gemini は上にスクロールしたときにだけ/);
    expect(say('warning.imagesLeftOut', 3, ['3', 'x'])).toBe(
      '画像 3 枚を除外し、代わりにプレースホルダーを表示しています: x。',
    );
  });

  it('never fail a capture where the catalogue is out of reach (a plain page)', () => {
    fakeBrowser.i18n.getMessage = (() => {
      throw new TypeError('i18n is not available here');
    }) as typeof fakeBrowser.i18n.getMessage;
    expect(say('warning.geminiOlder')).toBe('warning.geminiOlder');
  });
});
