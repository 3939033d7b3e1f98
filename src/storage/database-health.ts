import { errorMessage } from '../shared/errors.js';
import type { Database } from './database.js';

export interface DatabaseHealth {
  provider: string;
  reachable: boolean;
  pendingMigrations: string[];
  error?: string;
}

/** Asks the database whether it answers and is fully migrated, giving up after `timeoutMs`. */
export async function checkDatabase(db: Database, timeoutMs: number): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // Reading the migration records is itself the proof that the database answers.
    const status = await Promise.race([db.migrator.status(), timeout]);
    return { provider: db.provider, reachable: true, pendingMigrations: status.pending };
  } catch (error) {
    return { provider: db.provider, reachable: false, pendingMigrations: [], error: errorMessage(error) };
  } finally {
    clearTimeout(timer);
  }
}
