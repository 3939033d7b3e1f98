// Renders the provider schemas from prisma/models.prisma, generates both Prisma
// clients and, when the models changed since the last migration, writes the next
// migration for both providers. Everything runs offline.
//
//   npm run db:generate -- --name add_cases   models changed: new migration + clients
//   npm run db:generate -- --clients-only     clients only (npm install runs this)
//   npm run db:generate -- --check            fail if a migration is missing (npm test)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROVIDERS, renderSchema, type Provider } from './schema-render.js';

const root = resolve(import.meta.dirname, '..');
const modelsPath = join(root, 'prisma/models.prisma');
const migrationsDir = join(root, 'prisma/migrations');
const prismaBin = join(root, 'node_modules/.bin/prisma');

// The CLI resolves `url = env("DATABASE_URL")` even for offline commands.
const placeholderUrl: Record<Provider, string> = {
  sqlite: 'file:./placeholder.db',
  postgresql: 'postgresql://placeholder@localhost:5432/placeholder',
};

function prisma(args: string[], schemaPath: string, provider: Provider): string {
  const result = spawnSync(prismaBin, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, URA_PRISMA_SCHEMA: schemaPath, DATABASE_URL: placeholderUrl[provider], PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
  if (result.status !== 0) {
    throw new Error(`prisma ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

function writeProviderSchema(models: string, provider: Provider, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${provider}.prisma`);
  writeFileSync(path, renderSchema(models, provider));
  return path;
}

function generateClients(models: string): void {
  for (const provider of PROVIDERS) {
    const schemaPath = writeProviderSchema(models, provider, join(root, 'prisma/generated'));
    prisma(['generate', '--schema', schemaPath], schemaPath, provider);
  }
}

function migrationNames(): string[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{4}_[a-z0-9_]+$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** SQL that takes the previous snapshot (or an empty database) to the current models. */
function diffSql(previous: string | undefined, models: string, provider: Provider): string {
  const work = mkdtempSync(join(tmpdir(), 'ura-diff-'));
  try {
    const to = writeProviderSchema(models, provider, join(work, 'to'));
    const from = previous === undefined ? ['--from-empty'] : ['--from-schema-datamodel', writeProviderSchema(previous, provider, join(work, 'from'))];
    return prisma(['migrate', 'diff', ...from, '--to-schema-datamodel', to, '--script'], to, provider);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const isEmptyMigration = (sql: string): boolean => sql.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));

function pendingChanges(models: string): Record<Provider, string> | undefined {
  const last = migrationNames().at(-1);
  const previous = last === undefined ? undefined : readFileSync(join(migrationsDir, last, 'models.prisma'), 'utf8');
  const sql = { sqlite: diffSql(previous, models, 'sqlite'), postgresql: diffSql(previous, models, 'postgresql') };
  return isEmptyMigration(sql.sqlite) && isEmptyMigration(sql.postgresql) ? undefined : sql;
}

function main(): number {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, 'clients-only': { type: 'boolean' }, check: { type: 'boolean' } },
  });
  const models = readFileSync(modelsPath, 'utf8');
  // A check only compares the models with the migrations: the clients are npm install's.
  if (!values.check) generateClients(models);
  if (values['clients-only']) return 0;

  const changes = pendingChanges(models);
  if (values.check) {
    if (changes === undefined) return 0;
    console.error('prisma/models.prisma has changes that no migration covers. Run: npm run db:generate -- --name <what_changed>');
    return 1;
  }
  if (changes === undefined) {
    console.log('Clients generated; the models match the last migration.');
    return 0;
  }
  const name = values.name
    ?.trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');
  if (!name) {
    console.error('The models changed. Name the migration: npm run db:generate -- --name <what_changed>');
    return 1;
  }
  const folder = join(migrationsDir, `${String(migrationNames().length + 1).padStart(4, '0')}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'models.prisma'), models);
  for (const provider of PROVIDERS) writeFileSync(join(folder, `${provider}.sql`), changes[provider]);
  console.log(`Wrote ${folder}`);
  return 0;
}

process.exitCode = main();
