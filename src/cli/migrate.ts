import { Command } from 'commander';
import { errorMessage } from '../shared/errors.js';
import { redactDatabaseUrl } from '../storage/database-url.js';
import { openCommandDatabase } from './database.js';
import { EXIT, ExitError, configFromEnvironment } from './environment.js';

export const migrateCommand = new Command('migrate')
  .description('apply pending database migrations (`ura start` also does this)')
  .option('--json', 'print the result as JSON')
  .option('--status', 'only report applied and pending migrations')
  .action(async (options: { json?: boolean; status?: boolean }) => {
    const { config } = configFromEnvironment({ createSecrets: true });
    const db = openCommandDatabase(config);
    try {
      const applied = options.status ? [] : await db.migrator.up();
      const status = await db.migrator.status();
      const result = { database: redactDatabaseUrl(config.database.url), provider: db.provider, appliedNow: applied, ...status };
      if (options.json) {
        console.log(JSON.stringify(result, null, 2));
      } else {
        console.log(`${result.provider} ${result.database}`);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : options.status ? '' : 'Nothing to apply.');
        console.log(`Applied in total: ${status.applied.length}; pending: ${status.pending.length ? status.pending.join(', ') : 'none'}`);
      }
    } catch (error) {
      throw new ExitError(EXIT.failure, [`Migration failed on ${redactDatabaseUrl(config.database.url)}: ${errorMessage(error)}`]);
    } finally {
      await db.close().catch(() => undefined);
    }
  });
