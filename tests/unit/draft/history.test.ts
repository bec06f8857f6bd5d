import { describe, expect, it } from 'vitest';
import type { Draft } from '@/lib/draft/draft';
import {
  COALESCE_MS,
  HISTORY_LIMIT,
  emptyHistory,
  historyShortcut,
  record,
  travel,
  type History,
} from '@/lib/draft/history';

const undo = (h: History, current: Draft) => travel(h, current, 'undo');
const redo = (h: History, current: Draft) => travel(h, current, 'redo');

const draft = (title: string, id = 'd'): Draft => ({
  id,
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  title,
  note: '',
  source: { url: 'https://example.com/', title: 'T', site: 'example.com', capturedAt: '2026-11-23T10:00:00.000Z' },
  blocks: [],
  warnings: [],
  captureKey: 'k',
  allowSearchEngines: false,
});

describe('undo history (issue 4)', () => {
  it('undoes and redoes steps in order, and a new edit clears what could be redone', () => {
    let h: History = emptyHistory();
    h = record(h, draft('a'), 'title', null, 0);
    h = record(h, draft('b'), 'note', null, 10);
    let current = draft('c');
    const back = undo(h, current)!;
    expect([back.draft.title, back.label]).toEqual(['b', 'note']);
    const back2 = undo(back.history, back.draft)!;
    expect(back2.draft.title).toBe('a');
    expect(undo(back2.history, back2.draft)).toBeNull();
    const forward = redo(back2.history, back2.draft)!;
    expect(forward.draft.title).toBe('b');
    current = draft('x');
    h = record(forward.history, forward.draft, 'title', null, 20);
    expect(redo(h, current)).toBeNull();
    expect(undo(h, current)!.draft.title).toBe('b');
  });

  it('coalesces a typing burst in one field into one step, but not across fields or pauses', () => {
    let h = emptyHistory();
    h = record(h, draft(''), 'title', 'title', 0);
    h = record(h, draft('H'), 'title', 'title', 200);
    h = record(h, draft('He'), 'title', 'title', 200 + COALESCE_MS - 1);
    expect(h.past).toHaveLength(1);
    h = record(h, draft('Hel'), 'note', 'note', 1300);
    h = record(h, draft('Hel'), 'title', 'title', 1400);
    expect(h.past).toHaveLength(3);
    h = record(h, draft('Hell'), 'title', 'title', 1400 + COALESCE_MS);
    expect(h.past).toHaveLength(4);
    // An undo ends the burst: the next keystroke is a new step.
    const back = undo(h, draft('Hello'))!;
    expect(record(back.history, back.draft, 'title', 'title', 2500).past).toHaveLength(4);
  });

  it('is per draft: another draft starts a fresh history and cannot undo into this one', () => {
    let h = emptyHistory();
    h = record(h, draft('a', 'one'), 'title', null, 0);
    expect(undo(h, draft('z', 'two'))).toBeNull();
    h = record(h, draft('b', 'two'), 'title', null, 10);
    expect(h.past.map((s) => s.draft.id)).toEqual(['two']);
  });

  it(`keeps the last ${HISTORY_LIMIT} steps`, () => {
    let h = emptyHistory();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h = record(h, draft(String(i)), 'title', null, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]!.draft.title).toBe('5');
  });

  it.each([
    [{ key: 'z', ctrlKey: true }, 'undo'],
    [{ key: 'z', metaKey: true }, 'undo'],
    [{ key: 'Z', ctrlKey: true, shiftKey: true }, 'redo'],
    [{ key: 'y', ctrlKey: true }, 'redo'],
    [{ key: 'z' }, null],
    [{ key: 'z', ctrlKey: true, altKey: true }, null],
    [{ key: 'a', ctrlKey: true }, null],
  ])('shortcut %j is %s', (keys, command) => {
    expect(historyShortcut({ ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...keys })).toBe(command);
  });
});
