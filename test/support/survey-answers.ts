import { randomUUID } from 'node:crypto';
import type { Answer } from '../../src/flows/state.js';
import type { UraPrisma } from '../../src/storage/database.js';
import { createSurveyRepository } from '../../src/storage/survey-repository.js';
import type { EventRecord } from '../../src/events/index.js';
import { RUN_NOT_SENT, type SurveyResponse, type SurveyRun } from '../../src/surveys/index.js';
import type { TestDatabase } from './database.js';
import { eventsBot, type EventsHarness } from './events-bot.js';
import { emptyTables } from './events-chat.js';
import type { HelplineBotOptions } from './helpline-bot.js';

export const EVALUATION = 'surveys/event-evaluation';

/** Empties the survey runs' tables (tokens, responses, runs), for a suite that shares its database between tests. */
async function emptySurveyRuns(prisma: UraPrisma): Promise<void> {
  await prisma.surveyToken.deleteMany();
  await prisma.surveyResponse.deleteMany();
  await prisma.surveyRun.deleteMany();
}

/** Ura's bot on a suite's database emptied of events and survey runs, with one conference (no invitation list) and the outbox unthrottled. */
export async function conferenceForRuns(database: TestDatabase, options: HelplineBotOptions = {}): Promise<{ h: EventsHarness; event: EventRecord }> {
  await emptyTables(database);
  await emptySurveyRuns(database.db.prisma);
  const h = await eventsBot({ database, outboxLimits: { global: null }, ...options });
  return { h, event: await h.conference({ invitees: [] }) };
}

/** A run of the evaluation form, for an event or standalone, as the surveys area opens one. */
export async function seedRun(prisma: UraPrisma, options: { eventId?: string | null; at?: Date } = {}): Promise<SurveyRun> {
  const run: SurveyRun = {
    id: randomUUID(),
    flowId: EVALUATION,
    flowVersion: 1,
    kind: options.eventId ? 'event' : 'standalone',
    scope: options.eventId ?? null,
    standing: null,
    opensAt: null,
    closesAt: null,
    createdAt: options.at ?? new Date('2026-10-20T15:00:00Z'),
    ...RUN_NOT_SENT,
    wording: null,
  };
  await createSurveyRepository(prisma).createRun(run);
  return run;
}

/**
 * Completed responses on a run, one per entry: open answers as texts by item code (a
 * scale answer beside them, which coding never sees). Started a minute apart, in order.
 */
export async function seedResponses(prisma: UraPrisma, run: SurveyRun, texts: readonly Record<string, string>[], status: SurveyResponse['status'] = 'completed'): Promise<SurveyResponse[]> {
  const store = createSurveyRepository(prisma);
  const responses: SurveyResponse[] = [];
  for (const [index, byItem] of texts.entries()) {
    const at = new Date(run.createdAt.getTime() + (index + 1) * 60_000);
    const answers: Record<string, Answer> = { obj_expectations: { kind: 'choice', code: '4' } };
    for (const [item, value] of Object.entries(byItem)) answers[item] = { kind: 'text', value };
    const response: SurveyResponse = {
      id: randomUUID(),
      runId: run.id,
      respondentKey: null,
      flowId: run.flowId,
      flowVersion: run.flowVersion,
      language: 'sq',
      state: {
        flowId: run.flowId,
        flowVersion: run.flowVersion,
        status: 'ended',
        current: null,
        path: Object.keys(answers),
        answers,
        selection: [],
        outcome: 'done',
        urgent: false,
        startedAt: at.toISOString(),
        updatedAt: at.toISOString(),
      },
      status,
      answers,
      outcome: 'done',
      source: 'paper',
      paperRef: null,
      asked: null,
      profile: null,
      startedAt: at,
      updatedAt: at,
      completedAt: status === 'completed' ? at : null,
    };
    await store.createResponse(response);
    responses.push(response);
  }
  return responses;
}
