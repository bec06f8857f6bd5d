// The CI failure of editor.spec (a new text block's editor lost focus): a late frame that puts
// focus back after a move or a delete must not take it from where it has gone since.
import { afterEach, expect, it, vi } from 'vitest';
import { keepFocus } from '@/components/keep-focus';

const frames: FrameRequestCallback[] = [];
vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
const runFrames = () => frames.splice(0).forEach((callback) => callback(0));

afterEach(() => {
  document.body.innerHTML = '';
});

it('puts focus back where a removed element left it to the page', () => {
  document.body.innerHTML = '<button id="remove">Delete</button><li id="next" tabindex="0"></li>';
  document.getElementById('remove')!.focus();
  keepFocus(document.getElementById('next'));
  document.getElementById('remove')!.remove();
  runFrames();
  expect(document.activeElement?.id).toBe('next');
});

it('leaves focus where it went before the frame came (a new block being typed into)', () => {
  document.body.innerHTML =
    '<button id="remove">Delete</button><li id="next" tabindex="0"></li><textarea id="typing"></textarea>';
  document.getElementById('remove')!.focus();
  keepFocus(document.getElementById('next'));
  document.getElementById('remove')!.remove();
  document.getElementById('typing')!.focus();
  runFrames();
  expect(document.activeElement?.id).toBe('typing');
});
