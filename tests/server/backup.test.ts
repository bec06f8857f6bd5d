import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { backupDatabase } from '../../server/backup';
import { startHaloServer } from '../../server/start';

it('backs up the database while the server runs (issue 6)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'halo-backup-'));
  const server = await startHaloServer({ port: 0, dbPath: join(dir, 'halos.db') });
  try {
    const res = await fetch(`${server.url}/api/v1/halos`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        version: 1,
        title: 'Backed up',
        source: { url: 'https://example.com/', title: 'x', site: 'example.com', capturedAt: '2026-11-23T10:00:00Z' },
        blocks: [{ type: 'text', markdown: 'kept' }],
      }),
    });
    const { id } = (await res.json()) as { id: string };
    const copy = join(dir, 'backups', 'copy.db');
    expect((await backupDatabase(join(dir, 'halos.db'), copy)).pages).toBeGreaterThan(0);
    const db = new Database(copy, { readonly: true });
    expect(db.prepare('select title from halos where id = ?').get(id)).toEqual({ title: 'Backed up' });
    db.close();
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
