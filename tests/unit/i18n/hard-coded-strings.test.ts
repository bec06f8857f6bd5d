import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHardCodedStrings } from '../../support/hard-coded-strings';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? tsxFiles(join(dir, entry.name)) : entry.name.endsWith('.tsx') ? [join(dir, entry.name)] : [],
  );
}

describe('user-facing strings come from the catalogue (issue 17)', () => {
  const files = [...tsxFiles(join(ROOT, 'components')), ...tsxFiles(join(ROOT, 'entrypoints'))];

  it('finds the components', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files.map((file) => [relative(ROOT, file), file]))('%s holds no hard-coded user-facing string', (_, file) => {
    const found = findHardCodedStrings(readFileSync(file, 'utf8'), file);
    expect(found.map(({ line, text }) => `${line}: ${text}`)).toEqual([]);
  });

  it('can fail: it finds JSX text, shown literals and user-facing attributes', () => {
    const found = findHardCodedStrings(`
      export const A = ({ busy }: { busy: boolean }) => (
        <section aria-label="Publish">
          <button title={'Send it'} placeholder={busy ? 'Adding…' : i18n.t('x')}>Retry now</button>
          <p>{'Published.'} {busy && \`Queued: \${n}\`}</p>
          <span data-testid="not-user-facing">{'↑'} · ⠿</span>
          <input placeholder={i18n.t('fields.title')} />
        </section>
      );`);
    expect(found.map((f) => f.text)).toEqual(['Publish', 'Send it', 'Adding…', 'Retry now', 'Published.', 'Queued:']);
  });
});
