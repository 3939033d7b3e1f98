import { beforeEach, describe, expect, it } from 'vitest';
import { loadAreaFlows } from '../../src/flow-actions.js';
import type { Effect, FlowInput } from '../../src/flows/engine.js';
import { DAY_MS } from '../../src/helpline/retention.js';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import { createEraser } from '../../src/storage/helpline-repositories.js';
import { createSurveyRepository, createSurveyRetentionRepository } from '../../src/storage/survey-repository.js';
import { createSurveyRetention, createSurveys, respondentKeys, type SurveyConversations, type SurveyTurn } from '../../src/surveys/index.js';
import { fakeClock } from '../support/clock.js';
import { testConfig } from '../support/config.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';

const { catalog } = loadAreaFlows();
const identity = createIdentityProtector(testConfig().secrets);
const respondentKey = respondentKeys(identity);
const EVALUATION = 'surveys/event-evaluation';
const FEEDBACK = 'surveys/service-feedback';

const asked = (turn: SurveyTurn) => turn.effects.filter((effect): effect is Extract<Effect, { type: 'ask' }> => effect.type === 'ask').at(-1)?.step;

/** The answer a participant gives to each kind of question: the top of a scale, yes, a few words. */
function answerTo(step: NonNullable<ReturnType<typeof asked>>): FlowInput | { typed: string } {
  switch (step.type) {
    case 'scale':
      return { type: 'choose', step: step.id, code: step.points.at(-1)?.code ?? '' };
    case 'yesno':
      return { type: 'choose', step: step.id, code: 'yes' };
    case 'text':
      return { typed: `words for ${step.id}` };
    default:
      throw new Error(`the evaluation has no ${step.type} question`);
  }
}

async function answerAll(conversations: SurveyConversations, subject: string, first: SurveyTurn): Promise<SurveyTurn> {
  let turn = first;
  for (let step = asked(turn); step; step = asked(turn)) {
    const answer = answerTo(step);
    const result = 'typed' in answer ? await conversations.typed(subject, answer.typed) : await conversations.answer(subject, answer);
    if ('kind' in result) throw new Error(`not applied: ${result.kind}`);
    turn = result;
  }
  return turn;
}

describe.each(PROVIDERS_UNDER_TEST)('surveys on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  const clock = fakeClock('2026-10-20T15:00:00Z');
  const surveysOn = () => createSurveys({ catalog, store: createSurveyRepository(database.db.prisma), respondentKey, clock });

  beforeEach(async () => {
    if (skip) return;
    clock.set('2026-10-20T15:00:00Z');
    for (const table of ['surveyResponse', 'surveyRun', 'conversation', 'contact'] as const) {
      await (database.db.prisma[table] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
    }
  });

  it.skipIf(skip)('runs an event evaluation for a participant through the general runner and keeps the answers by run and step code, apart from any contact', async () => {
    const surveys = surveysOn();
    const run = await surveys.openRun({ flowId: EVALUATION, kind: 'event', scope: 'event-2026-conference' });
    const evaluation = surveys.on(run);
    const participant = 'participant-5f1c';

    const started = await evaluation.start(participant, 'en');
    if ('kind' in started) throw new Error('the run is closed');
    expect(asked(started)?.id).toBe('obj_expectations');
    // In progress the response is found by a key of the participant for this run, never by the participant's id.
    const row = await database.db.prisma.surveyResponse.findFirstOrThrow();
    expect(row).toMatchObject({ runId: run.id, status: 'active', respondentKey: respondentKey(run.id, participant), language: 'en', source: 'chat' });
    expect(row.respondentKey).not.toContain(participant);

    // Answer one, go back, change it; come back later to the question where they stopped.
    await evaluation.answer(participant, { type: 'choose', step: 'obj_expectations', code: '2' });
    const back = await evaluation.back(participant);
    expect('kind' in back ? back : asked(back)?.id).toBe('obj_expectations');
    await evaluation.answer(participant, { type: 'choose', step: 'obj_expectations', code: '3' });
    expect((await evaluation.resumable(participant))?.state.current).toBe('obj_information');
    const again = await evaluation.current(participant);
    expect(again && asked(again)?.id).toBe('obj_information');

    const ended = await answerAll(evaluation, participant, again!);
    expect(ended.effects.at(-1)).toMatchObject({ type: 'end', outcome: 'completed' });

    const [response, ...others] = await database.db.prisma.surveyResponse.findMany();
    expect(others).toEqual([]);
    // Completed: the key is gone, so nothing leads from these answers to the participant.
    expect(response).toMatchObject({ runId: run.id, status: 'completed', respondentKey: null, outcome: 'completed', completedAt: clock.now() });
    const answers = JSON.parse(response!.answers);
    expect(answers.obj_expectations).toEqual({ kind: 'choice', code: '3' });
    expect(answers.proc_venue).toEqual({ kind: 'choice', code: '4' });
    expect(answers.action_planned).toEqual({ kind: 'choice', code: 'yes' });
    expect(answers.open_comments).toEqual({ kind: 'text', value: 'words for open_comments' });
    // What reports read: the run's completed responses, by step code.
    const [read] = await surveys.responses(run.id);
    expect(read?.answers).toEqual(answers);
    expect(await database.db.prisma.conversation.count()).toBe(0);
    expect(await database.db.prisma.contact.count()).toBe(0);
    expect(await evaluation.resumable(participant)).toBeUndefined();
  });

  it.skipIf(skip)('keeps one response in progress per respondent and run, with keys that differ between runs', async () => {
    const surveys = surveysOn();
    const first = await surveys.openRun({ flowId: FEEDBACK, kind: 'standalone' });
    const second = await surveys.openRun({ flowId: FEEDBACK, kind: 'standalone' });
    await surveys.on(first).start('someone', 'sq');
    await surveys.on(first).answer('someone', { type: 'choose', step: 'helpful', code: '4' });
    await surveys.on(first).start('someone', 'sq');
    await surveys.on(second).start('someone', 'sq');
    const rows = await database.db.prisma.surveyResponse.findMany({ orderBy: { status: 'asc' } });
    expect(rows.map((r) => [r.runId, r.status])).toEqual(
      expect.arrayContaining([
        [first.id, 'abandoned'],
        [first.id, 'active'],
        [second.id, 'active'],
      ]),
    );
    // Left unfinished: its answers stay, its key does not.
    expect(rows.find((r) => r.status === 'abandoned')).toMatchObject({ respondentKey: null, answers: JSON.stringify({ helpful: { kind: 'choice', code: '4' } }) });
    const keys = rows.flatMap((r) => (r.respondentKey ? [r.respondentKey] : []));
    expect(new Set(keys).size).toBe(2);
    expect(keys).not.toContain(identity.hashId('user', 'someone'));
  });

  it.skipIf(skip)('takes answers only while a run is open', async () => {
    const surveys = surveysOn();
    const run = await surveys.openRun({ flowId: EVALUATION, kind: 'event', opensAt: new Date('2026-10-21T08:00:00Z'), closesAt: new Date('2026-10-22T18:00:00Z') });
    expect(await surveys.on(run).start('p-1', 'sq')).toEqual({ kind: 'closed' });
    clock.set('2026-10-22T17:59:00Z');
    expect(await surveys.on(run).start('p-1', 'sq')).toMatchObject({ conversation: { runId: run.id } });
    clock.set('2026-10-22T18:00:00Z');
    expect(await surveys.on(run).start('p-2', 'sq')).toEqual({ kind: 'closed' });
  });

  it.skipIf(skip)('makes one standing run per flow version, which a second process finds instead of making another', async () => {
    const one = surveysOn().standing(FEEDBACK, 'service_feedback');
    const other = surveysOn().standing(FEEDBACK, 'service_feedback');
    // Both processes make it at once (the first look-up makes it, so that a turn never asks the database again): one run.
    await Promise.all([one.start('a', 'sq'), other.start('b', 'en')]);
    expect(await other.answer('c', { type: 'back' })).toEqual({ kind: 'no_conversation' });
    expect(await database.db.prisma.surveyRun.findMany()).toEqual([
      expect.objectContaining({ flowId: FEEDBACK, flowVersion: 1, kind: 'service_feedback', standing: 'service_feedback:surveys/service-feedback@1', scope: null }),
    ]);
    // Each process continues the other's respondent.
    expect(await one.answer('b', { type: 'choose', step: 'helpful', code: '3' })).toMatchObject({ conversation: { state: { current: 'respected' } } });
  });

  it.skipIf(skip)("/delete takes the person's responses in progress and leaves completed ones, which name nobody", async () => {
    const surveys = surveysOn();
    const feedback = surveys.standing(FEEDBACK, 'service_feedback');
    const run = await surveys.openRun({ flowId: FEEDBACK, kind: 'standalone' });
    await feedback.start('contact-a', 'sq');
    await surveys.on(run).start('contact-a', 'sq');
    await surveys.on(run).start('contact-b', 'sq');
    await feedback.start('contact-b', 'sq');
    for (const [step, input] of [
      ['helpful', 'c'],
      ['respected', 'c'],
      ['recommend', 'c'],
      ['comment', 's'],
    ] as const) {
      await feedback.answer('contact-b', input === 'c' ? { type: 'choose', step, code: step === 'helpful' ? '4' : 'yes' } : { type: 'skip', step });
    }
    await createEraser(database.db, clock, respondentKey).erase('contact-b', 'chat-b');
    const rows = await database.db.prisma.surveyResponse.findMany();
    expect(rows.map((r) => r.status).sort()).toEqual(['active', 'active', 'completed']);
    expect(rows.find((r) => r.status === 'completed')?.respondentKey).toBeNull();
    expect(await feedback.resumable('contact-a')).toBeDefined();
    expect(await surveys.on(run).resumable('contact-a')).toBeDefined();
    expect(await surveys.on(run).resumable('contact-b')).toBeUndefined();
  });

  it.skipIf(skip)("keeps answers for the surveys' own period; a response left in progress loses its key after the helpline's", async () => {
    const surveys = surveysOn();
    const run = await surveys.openRun({ flowId: FEEDBACK, kind: 'standalone' });
    const on = surveys.on(run);
    await on.start('old', 'sq');
    await on.answer('old', { type: 'choose', step: 'helpful', code: '2' });
    clock.advance(40 * DAY_MS);
    await on.start('stale', 'sq');
    clock.advance(31 * DAY_MS);
    await on.start('recent', 'sq');
    clock.advance(DAY_MS);
    const retention = createSurveyRetention({ store: createSurveyRetentionRepository(database.db), clock, days: 60, inProgressDays: 30 });
    // 'old' and 'stale' were left in progress longer than 30 days; 'old' was last touched more than 60 days ago.
    expect(await retention.run()).toEqual({ abandoned: 2, responses: 1 });
    expect((await database.db.prisma.surveyResponse.findMany({ orderBy: { startedAt: 'asc' } })).map((r) => [r.status, r.respondentKey === null])).toEqual([
      ['abandoned', true],
      ['active', false],
    ]);
    expect(await retention.run()).toEqual({ abandoned: 0, responses: 0 });
  });
});
