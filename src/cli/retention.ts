import { Command } from 'commander';
import { createRetention } from '../helpline/retention.js';
import { systemClock } from '../shared/clock.js';
import { createRetentionRepository } from '../storage/retention-repository.js';
import { withDatabase } from './database.js';

export const retentionCommand = new Command('retention').description('data retention');

retentionCommand
  .command('run')
  .description('delete now what the nightly retention run would delete (conversations that never reached a person, older than RETENTION_DAYS), keeping anonymous counts')
  .option('--json', 'print the result as JSON')
  .action((options: { json?: boolean }) =>
    withDatabase(async (db, config) => {
      const result = await createRetention({ store: createRetentionRepository(db), clock: systemClock, days: config.retentionDays }).run();
      console.log(options.json ? JSON.stringify(result, null, 2) : `Deleted ${result.conversations} conversation(s), ${result.contacts} contact(s), ${result.sessions} session(s), ${result.messages} message id(s), ${result.transcripts} message(s) of closed cases and ${result.deliveries} delivered message(s) (retention: ${config.retentionDays} days).`);
    }),
  );
