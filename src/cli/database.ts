import { openDatabase, type Database } from '../storage/database.js';
import { commandLogger, configFromEnvironment } from './environment.js';
import type { Config } from '../config.js';

/** Runs a command's work on the configured database, migrated first, and always closes it. */
export async function withDatabase<T>(work: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const { config } = configFromEnvironment({ createSecrets: true });
  const db = openDatabase(config.database.target, commandLogger(config).child({}, { level: 'warn' }));
  try {
    await db.migrator.up();
    return await work(db, config);
  } finally {
    await db.close();
  }
}
