import { beforeEach, describe, expect, it } from 'vitest';
import { loadAreaFlows } from '../../src/flow-actions.js';
import { createI18n } from '../../src/i18n/index.js';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import { createSurveyRepository } from '../../src/storage/survey-repository.js';
import { createSurveys, evaluationForm, formTranslate, importPaper, type PaperTarget, respondentKeys } from '../../src/surveys/index.js';
import { fakeClock } from '../support/clock.js';
import { testConfig } from '../support/config.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { inWords } from '../support/expected.js';

const { catalog } = loadAreaFlows();
const i18n = createI18n();
const EVALUATION = 'surveys/event-evaluation';
const TRAINING = 'surveys/training-evaluation';
const formOf = (id: string) => {
  const compiled = catalog.get(id);
  if (!compiled) throw new Error(`${id} is not loaded`);
  return evaluationForm(compiled, formTranslate(i18n));
};
/** A run's stored responses in the order of their respondent ids (rows imported together share their time). */
const byRef = <R extends { paperRef: string | null }>(responses: R[]) => responses.sort((a, b) => (a.paperRef ?? '').localeCompare(b.paperRef ?? ''));
const csv = (text: string) => ({ format: 'csv' as const, bytes: new TextEncoder().encode(text) });

describe.each(PROVIDERS_UNDER_TEST)('importing paper forms on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  const clock = fakeClock('2026-11-17T16:00:00Z');
  const store = () => createSurveyRepository(database.db.prisma);
  const surveys = () => createSurveys({ catalog, store: store(), respondentKey: respondentKeys(createIdentityProtector(testConfig().secrets)), clock });
  const importInto = (target: PaperTarget, text: string, options: { skipInvalid?: boolean; form?: string } = {}) =>
    importPaper({ store: store(), clock }, { form: formOf(options.form ?? EVALUATION), language: 'sq', file: csv(text), target, skipInvalid: options.skipInvalid });

  beforeEach(async () => {
    if (skip) return;
    await database.db.prisma.surveyResponse.deleteMany();
    await database.db.prisma.surveyRun.deleteMany();
  });

  it.skipIf(skip)('stores each form as a completed paper response of the run, with its respondent id, its answers as chat answers are kept, and the items asked', async () => {
    const run = await surveys().openRun({ flowId: EVALUATION, kind: 'event', scope: 'event-1' });
    const result = await importInto({ run: run.id }, 'respondent,obj_expectations,obj_skills,action_planned,open_learned\nP-01,4,NA,yes,Networking\nP-02,3,,no,\n');
    expect(result).toMatchObject({ kind: 'imported', imported: 2, skipped: [], runCreated: false });

    const stored = byRef(await surveys().responses(run.id));
    expect(stored.map(({ source, status, paperRef, asked, answers, respondentKey }) => ({ source, status, paperRef, asked, answers, respondentKey }))).toEqual([
      {
        source: 'paper',
        status: 'completed',
        paperRef: 'P-01',
        asked: ['obj_expectations', 'obj_skills', 'action_planned', 'open_learned'],
        respondentKey: null,
        answers: { obj_expectations: { kind: 'choice', code: '4' }, obj_skills: { kind: 'na' }, action_planned: { kind: 'choice', code: 'yes' }, open_learned: { kind: 'text', value: 'Networking' } },
      },
      {
        source: 'paper',
        status: 'completed',
        paperRef: 'P-02',
        asked: ['obj_expectations', 'obj_skills', 'action_planned', 'open_learned'],
        respondentKey: null,
        answers: { obj_expectations: { kind: 'choice', code: '3' }, action_planned: { kind: 'choice', code: 'no' } },
      },
    ]);
  });

  it.skipIf(skip)('stores nothing when one cell is wrong, and lists every problem', async () => {
    const run = await surveys().openRun({ flowId: EVALUATION, kind: 'event', scope: 'event-1' });
    const result = await importInto({ run: run.id }, 'respondent,obj_expectations,proc_venue\nA,4,3\nB,5,3\nC,4,x\n');
    expect(result.kind === 'invalid' && inWords(result.problems)).toEqual([
      { row: 3, column: 'obj_expectations', value: '5', expected: 'one of 1, 2, 3, 4, NA (not applicable) or nothing (no answer)' },
      { row: 4, column: 'proc_venue', value: 'x', expected: 'one of 1, 2, 3, 4, NA (not applicable) or nothing (no answer)' },
    ]);
    expect(await database.db.prisma.surveyResponse.count()).toBe(0);
  });

  it.skipIf(skip)('with skipInvalid, stores the valid rows and reports the others', async () => {
    const run = await surveys().openRun({ flowId: EVALUATION, kind: 'event', scope: 'event-1' });
    const result = await importInto({ run: run.id }, 'respondent,obj_expectations\nA,4\nB,5\nC,1\n', { skipInvalid: true });
    expect(result).toMatchObject({ kind: 'imported', imported: 2, skipped: [{ row: 3, column: 'obj_expectations', value: '5' }] });
    expect(byRef(await surveys().responses(run.id)).map((response) => response.paperRef)).toEqual(['A', 'C']);
  });

  it.skipIf(skip)('refuses a respondent id imported before into the run, and takes it on another run', async () => {
    const run = await surveys().openRun({ flowId: EVALUATION, kind: 'event', scope: 'event-1' });
    await importInto({ run: run.id }, 'respondent,obj_expectations\nA,4\nB,3\n');
    const again = await importInto({ run: run.id }, 'respondent,obj_expectations\nC,4\nB,2\n');
    expect(again.kind === 'invalid' && inWords(again.problems)).toEqual([
      { row: 3, column: 'respondent', value: 'B', expected: 'a respondent id not imported yet: this one is already imported into the run' },
    ]);
    expect(await importInto({ run: run.id }, 'respondent,obj_expectations\nC,4\nB,2\n', { skipInvalid: true })).toMatchObject({ kind: 'imported', imported: 1, skipped: [{ row: 3, value: 'B' }] });
    const other = await surveys().openRun({ flowId: EVALUATION, kind: 'event', scope: 'event-2' });
    expect(await importInto({ run: other.id }, 'respondent,obj_expectations\nB,2\n')).toMatchObject({ kind: 'imported', imported: 1 });
    expect(byRef(await surveys().responses(run.id)).map((response) => response.paperRef)).toEqual(['A', 'B', 'C']);
  });

  it.skipIf(skip)('finds the event’s run of the form, or makes one with the first import that stores anything', async () => {
    const refused = await importInto({ event: 'event-9' }, 'obj_expectations\n9\n');
    expect(refused.kind).toBe('invalid');
    expect(await database.db.prisma.surveyRun.count()).toBe(0);

    const first = await importInto({ event: 'event-9' }, 'obj_expectations\n4\n');
    if (first.kind !== 'imported') throw new Error(first.kind);
    expect(first).toMatchObject({ runCreated: true, run: { flowId: EVALUATION, flowVersion: 1, kind: 'event', scope: 'event-9' } });
    const second = await importInto({ event: 'event-9' }, 'obj_expectations\n3\n');
    expect(second).toMatchObject({ kind: 'imported', runCreated: false, run: { id: first.run.id } });
    expect(await surveys().responses(first.run.id)).toHaveLength(2);
  });

  it.skipIf(skip)('refuses a run that is not there, and a run of another form', async () => {
    expect(await importInto({ run: 'no-such-run' }, 'obj_expectations\n4\n')).toEqual({ kind: 'no_run', run: 'no-such-run' });
    const training = await surveys().openRun({ flowId: TRAINING, kind: 'standalone' });
    expect(await importInto({ run: training.id }, 'obj_expectations\n4\n')).toMatchObject({ kind: 'other_form', run: { flowId: TRAINING } });
    expect(await database.db.prisma.surveyResponse.count()).toBe(0);
  });

  it.skipIf(skip)('stores an import in one transaction: a respondent id another import stored first leaves nothing, not even the new run', async () => {
    const run = await surveys().openRun({ flowId: EVALUATION, kind: 'event', scope: 'event-1' });
    await importInto({ run: run.id }, 'respondent,obj_expectations\nA,4\n');
    const [stored] = await surveys().responses(run.id);
    if (!stored) throw new Error('nothing stored');
    const fresh = { ...run, id: 'run-new', scope: 'event-3' };
    const late = [
      { ...stored, id: 'r-1', runId: fresh.id, paperRef: 'Z' },
      { ...stored, id: 'r-2', runId: fresh.id, paperRef: 'Z' },
    ];
    expect(await store().addPaperResponses(late, fresh)).toBe(false);
    expect(await store().run(fresh.id)).toBeUndefined();
    expect(await database.db.prisma.surveyResponse.count()).toBe(1);
  });
});
