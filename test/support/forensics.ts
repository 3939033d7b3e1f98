import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Database } from '../../src/storage/database.js';
import type { TestDatabase } from './database.js';

/** Every table of the database by name, found in the catalogue: a table added later is searched too. */
async function tableNames(db: Database): Promise<string[]> {
  const rows: { name: string }[] =
    db.provider === 'sqlite'
      ? await db.prisma.$queryRawUnsafe(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      : await db.prisma.$queryRawUnsafe(`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema()`);
  return rows.map((row) => row.name);
}

const asText = (value: unknown) => JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner));

/**
 * Searches every column of every row of every table for each needle, as an
 * investigator reading the database would; returns "table: needle" per find.
 */
export async function findInDatabase(db: Database, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const table of await tableNames(db)) {
    const rows: Record<string, unknown>[] = await db.prisma.$queryRawUnsafe(`SELECT * FROM "${table}"`);
    for (const row of rows) {
      const text = Object.values(row).map(asText).join('\u0000');
      for (const needle of needles) if (text.includes(needle) || text.includes(JSON.stringify(needle).slice(1, -1))) found.push(`${table}: ${needle}`);
    }
  }
  return [...new Set(found)];
}

/** The directory a SQLite test database lives in: its file, its WAL and its shared memory. */
export function dataDirectory(test: TestDatabase): string {
  return dirname(test.url.replace(/^file:/, ''));
}

/** Searches the bytes of every file under `dir` for the UTF-8 bytes of each needle; returns "file: needle" per find. */
export function findInFiles(dir: string, needles: string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const bytes = readFileSync(join(entry.parentPath, entry.name));
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(`${entry.name}: ${needle}`);
  }
  return found;
}
