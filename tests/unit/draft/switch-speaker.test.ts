// A generic chat reading's speakers can be wrong: the editor switches one, and undo brings it back (issue 11).
import { expect, it } from 'vitest';
import type { Draft, DraftBlock } from '@/lib/draft/draft';
import { switchSpeaker } from '@/lib/draft/edit-operations';
import { emptyHistory, record, travel } from '@/lib/draft/history';

const block = (id: string, b: DraftBlock['block']): DraftBlock => ({ id, included: true, block: b });
const draft: Draft = {
  id: 'd',
  createdAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-11-30T10:00:00.000Z',
  title: 'T',
  note: '',
  source: {
    url: 'https://chat.deepseek.com/a/chat/s/1',
    title: 'T',
    site: 'chat.deepseek.com',
    capturedAt: '2026-11-30T10:00:00.000Z',
  },
  blocks: [
    block('q', { type: 'message', role: 'assistant', author: 'DeepSeek', markdown: 'How do I sort?' }),
    block('a', { type: 'message', role: 'assistant', author: 'DeepSeek', markdown: 'Use sorted().' }),
    block('t', { type: 'text', markdown: 'mine' }),
  ],
  warnings: [],
  captureKey: 'k',
  allowSearchEngines: false,
};

it("switches a message between the user and the assistant, keeping the assistant's name (issue 11)", () => {
  const fixed = switchSpeaker(draft, 'q');
  expect(fixed.blocks[0]!.block).toEqual({ type: 'message', role: 'user', author: 'You', markdown: 'How do I sort?' });
  expect(fixed.blocks[1]).toBe(draft.blocks[1]);
  expect(draft.blocks[0]!.block).toMatchObject({ role: 'assistant' });
  const back = switchSpeaker(fixed, 'q');
  expect(back.blocks[0]!.block).toMatchObject({ role: 'assistant', author: 'DeepSeek' });
  // A text block has no speaker: nothing changes.
  expect(switchSpeaker(draft, 't').blocks[2]).toBe(draft.blocks[2]);
});

it('is one undo step (issue 11)', () => {
  const history = record(emptyHistory(), draft, 'switch speaker of block 1', null, 0);
  const fixed = switchSpeaker(draft, 'q');
  const undone = travel(history, fixed, 'undo');
  expect(undone?.draft.blocks[0]!.block).toMatchObject({ role: 'assistant', author: 'DeepSeek' });
});
