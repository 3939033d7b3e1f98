// Prisma CLI configuration, used only by scripts/db-generate.ts (generate and
// migrate diff). Ura applies migrations itself (src/storage/migrator.ts), so the
// CLI never connects to a database: the adapter below satisfies the "js" schema
// engine, which needs no downloaded binary. The schema path must be explicit,
// otherwise the CLI cannot see `engineType = "client"` and tries to download a
// query engine.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: process.env.URA_PRISMA_SCHEMA ?? 'prisma/generated/sqlite.prisma',
  adapter: async () => new PrismaBetterSQLite3({ url: ':memory:' }),
});
