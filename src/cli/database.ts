import { openDatabase, type Database } from '../storage/database.js';
import { commandLogger, configFromEnvironment } from './environment.js';
import type { Config } from '../config.js';

/** Runs a command's work on the configured database, migrated first, and always closes it. */
/** The database of the configuration, for a command: only warnings are logged. */
export const openCommandDatabase = (config: Config): Database => openDatabase(config.database.target, commandLogger(config).child({}, { level: 'warn' }));

export async function withDatabase<T>(work: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const { config } = configFromEnvironment({ createSecrets: true });
  const db = openCommandDatabase(config);
  try {
    await db.migrator.up();
    return await work(db, config);
  } finally {
    await db.close();
  }
}
