// `npm run capture` (issue 3): a saved page through the same capture code, from the command line.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = (...args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/capture-cli.ts', ...args]);

it('prints a saved chat page as Markdown and as JSON', async () => {
  const md = await run('tests/fixtures/chat/claude/short-thread.html', '--url', 'https://claude.ai/chat/8f2c-1d');
  expect(md.stdout).toMatch(/^# Rust lifetimes explained\n/);
  expect(md.stdout).toContain('**Claude:**');
  const json = await run(
    'tests/fixtures/chat/gemini/short-thread.html',
    '--url',
    'https://gemini.google.com/app/1',
    '--format',
    'json',
  );
  const parsed = JSON.parse(json.stdout) as {
    capture: { kind: string; warnings: string[] };
    halo: { blocks: unknown[] };
  };
  expect(parsed.capture.kind).toBe('chat');
  expect(parsed.halo.blocks).toHaveLength(4);
}, 30_000);

it('says how to use it when arguments are missing', async () => {
  await expect(run('tests/fixtures/chat/claude/short-thread.html')).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringMatching(/usage: npm run capture/),
  });
}, 30_000);
