import { Command } from 'commander';
import { createEventChatRetention } from '../events/index.js';
import { createRetention } from '../helpline/retention.js';
import { systemClock } from '../shared/clock.js';
import { createEventChatRetentionRepository } from '../storage/event-chat-repository.js';
import { createEventStore } from '../storage/event-repository.js';
import { createRetentionRepository } from '../storage/retention-repository.js';
import { createSurveyRetentionRepository } from '../storage/survey-repository.js';
import { createSurveyRetention } from '../surveys/index.js';
import { withDatabase } from './database.js';

export const retentionCommand = new Command('retention').description('data retention');

retentionCommand
  .command('run')
  .description(
    "do now what the nightly retention run does: close cases without activity for RETENTION_DAYS as abandoned, forget cases closed RETENTION_DAYS ago, delete conversations, contacts and sessions older than that, keeping anonymous counts; delete survey responses older than SURVEY_RETENTION_DAYS; forget which event a chat joined RETENTION_DAYS after the event's last day",
  )
  .option('--json', 'print the result as JSON')
  .action((options: { json?: boolean }) =>
    withDatabase(async (db, config) => {
      const result = await createRetention({ store: createRetentionRepository(db), clock: systemClock, days: config.retentionDays }).run();
      const surveys = await createSurveyRetention({ store: createSurveyRetentionRepository(db), clock: systemClock, days: config.surveyRetentionDays, inProgressDays: config.retentionDays }).run();
      const events = await createEventChatRetention({ events: createEventStore(db.prisma), store: createEventChatRetentionRepository(db), clock: systemClock, days: config.retentionDays }).run();
      const text = [
        `Closed ${result.abandoned} abandoned case(s) and forgot ${result.cases} case(s), keeping their anonymous statistics.`,
        `Deleted ${result.conversations} conversation(s), ${result.contacts} contact(s), ${result.sessions} session(s), ${result.messages} message id(s), ${result.transcripts} message(s) of forgotten cases and ${result.deliveries} outbox message(s) (retention: ${config.retentionDays} days).`,
        `Deleted ${surveys.responses} survey response(s) (retention: ${config.surveyRetentionDays} days) and left ${surveys.abandoned} unfinished one(s) without their key.`,
        `Forgot which event ${events.chats} chat(s) had joined, for events over more than ${config.retentionDays} days ago.`,
      ].join('\n');
      console.log(options.json ? JSON.stringify({ ...result, surveys, events }, null, 2) : text);
    }),
  );
