// `npm run backup -- [destination]`: an online backup of the Halo database (SQLite's backup API),
// safe while the server runs. Default destination: data/backups/halos-<time>.db
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfig } from './config';

export async function backupDatabase(source: string, destination: string): Promise<{ pages: number }> {
  mkdirSync(dirname(destination), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await db.backup(destination);
    return { pages: totalPages };
  } finally {
    db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { dbPath } = loadConfig();
  const destination = process.argv[2] ?? `data/backups/halos-${new Date().toISOString().replace(/[:.]/g, '-')}.db`;
  const { pages } = await backupDatabase(dbPath, destination);
  console.log(`Backed up ${dbPath} to ${destination} (${pages} pages).`);
}
