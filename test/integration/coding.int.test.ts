import { describe, expect, it } from 'vitest';
import { createCodingRepository } from '../../src/storage/coding-repository.js';
import { loadAreaFlows } from '../../src/flow-actions.js';
import { createI18n, readLocales } from '../../src/i18n/index.js';
import { renderEvaluationHtml } from '../../src/reports/index.js';
import { createSurveyRepository, createSurveyRetentionRepository } from '../../src/storage/survey-repository.js';
import { type CodebookTheme, codingForReports, createCoding, evaluationForm, formTranslate, evaluationReport, openAnswersOf } from '../../src/surveys/index.js';
import { fakeClock } from '../support/clock.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { EVALUATION, seedResponses, seedRun } from '../support/survey-answers.js';

const theme = (code: string, en: string, keywords: string[] = []): CodebookTheme => ({ code, labels: { sq: en, en }, definitions: { en: `About ${en.toLowerCase()}` }, keywords: { en: keywords } });
const THEMES = [theme('trust', 'Trust', ['trust']), theme('data', 'Data', ['statistics', 'database']), theme('shelter', 'Shelter', ['shelter'])];

const locales = readLocales();
const i18n = createI18n(locales);
const evaluationFormOf = () => {
  const compiled = loadAreaFlows(undefined, locales).catalog.get(EVALUATION);
  if (!compiled) throw new Error(`${EVALUATION} is not shipped`);
  return evaluationForm(compiled, formTranslate(i18n));
};

describe.each(PROVIDERS_UNDER_TEST)('coding open answers on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  const clock = fakeClock('2026-10-21T09:00:00Z');
  const codingOn = () => createCoding({ store: createCodingRepository(database.db.prisma), clock });

  it.skipIf(skip)('two coders code answers with several themes; counts, quotes, kappa and disagreements follow, and a resolution settles one', async () => {
    const prisma = database.db.prisma;
    const eventId = 'event-agreement';
    const run = await seedRun(prisma, { eventId });
    const responses = await seedResponses(prisma, run, [
      { open_learned: 'Trust between NGOs and the police; shared statistics', open_comments: 'Arta from Kukës said the shelter is full' },
      { open_learned: 'One database for all' },
      { open_learned: 'More shelters in the north' },
      { open_learned: 'Nothing new' },
    ]);
    const [r1, r2, r3, r4] = responses.map((response) => openAnswersOf({ ...response, formId: EVALUATION, eventId }));
    const ref = (answers: typeof r1, item = 'open_learned') => answers?.find((answer) => answer.item === item)?.ref ?? '';
    const coding = codingOn();
    const target = { formId: EVALUATION, eventId };

    expect(await coding.next(target, 'anna')).toEqual({ kind: 'no_codebook' });
    expect(await coding.importCodebook({ formId: EVALUATION, eventId: null }, THEMES)).toEqual({ kind: 'imported', themes: 3 });

    const first = await coding.next(target, 'anna');
    expect(first.kind === 'next' && first.answer.ref).toBe(ref(r1, 'open_comments'));
    expect(first.kind === 'next' && first.suggested.map((suggested) => suggested.code)).toEqual(['shelter']);
    expect(first.kind === 'next' && first.left).toBe(5);

    // Anna: r1 trust+data, r2 data, r3 shelter, r4 none; Ben: r1 trust, r2 data, r3 shelter+trust, r4 none.
    for (const [answer, themes] of [
      [ref(r1), ['trust', 'data']],
      [ref(r2), ['data']],
      [ref(r3), ['shelter']],
      [ref(r4), []],
      [ref(r1, 'open_comments'), ['shelter']],
    ] as const)
      expect((await coding.code(answer, 'anna', themes)).kind).toBe('coded');
    for (const [answer, themes] of [
      [ref(r1), ['trust']],
      [ref(r2), ['data']],
      [ref(r3), ['shelter', 'trust']],
      [ref(r4), []],
    ] as const)
      expect((await coding.code(answer, 'ben', themes)).kind).toBe('coded');

    expect(await coding.code(ref(r2), 'carla', ['data'])).toEqual({ kind: 'third_coder', coders: expect.arrayContaining(['anna', 'ben']) });
    expect(await coding.code(ref(r2), 'anna', ['data', 'bogus'])).toEqual({ kind: 'unknown_theme', codes: ['bogus'], known: ['trust', 'data', 'shelter'] });
    expect(await coding.code('00000000-1', 'anna', ['data'])).toEqual({ kind: 'no_answer' });
    expect((await coding.code(ref(r2), 'anna', ['data'])).kind).toBe('replaced');
    expect(await coding.next(target, 'anna')).toEqual({ kind: 'done' });
    const forBen = await coding.next(target, 'ben');
    expect(forBen.kind === 'next' && forBen.answer.ref).toBe(ref(r1, 'open_comments'));

    expect(await coding.quote(ref(r1, 'open_comments'), 'Someone said the shelter is full')).toMatchObject({ kind: 'quoted' });
    expect(await coding.quote(ref(r1, 'open_comments'), 'The shelter is full')).toMatchObject({ kind: 'replaced' });
    expect(await coding.quote(ref(r1, 'open_comments'), '   ')).toMatchObject({ kind: 'invalid' });

    const summary = await coding.summary(target);
    const learned = summary.open.find((item) => item.item === 'open_learned');
    // Agreed: r1 trust (data only by Anna), r2 data, r3 shelter (trust only by Ben), r4 none.
    expect(learned).toEqual({
      item: 'open_learned',
      themes: [
        { theme: 'trust', respondents: 1 },
        { theme: 'data', respondents: 1 },
        { theme: 'shelter', respondents: 1 },
      ],
      quotes: [],
    });
    // Coded by Anna alone: her themes count.
    expect(summary.open.find((item) => item.item === 'open_comments')).toEqual({
      item: 'open_comments',
      themes: [
        { theme: 'shelter', respondents: 1 },
        { theme: 'trust', respondents: 0 },
        { theme: 'data', respondents: 0 },
      ],
      quotes: ['The shelter is full'],
    });
    // 4 answers both coded. trust: a=1 (r1) b=0 c=1 (r3) d=2: p_o=.75, p_e=.25*.5+.75*.5=.5, kappa .5.
    // data: a=1 (r2) b=1 (r1) c=0 d=2: kappa .5 likewise. shelter: a=1 d=3: p_o=1, p_e=.25^2+.75^2=.625, kappa 1.
    // pooled over 12 decisions: a=3 b=1 c=1 d=7: p_o=10/12, p_e=(4/12)^2+(8/12)^2=.5556, kappa=(.8333-.5556)/.4444=.625.
    expect(summary.agreement).toEqual({
      coders: ['anna', 'ben'],
      answers: 4,
      overall: 0.625,
      themes: [
        { theme: 'trust', kappa: 0.5, agreementPct: 75 },
        { theme: 'data', kappa: 0.5, agreementPct: 75 },
        { theme: 'shelter', kappa: 1, agreementPct: 100 },
      ],
      disagreements: [
        { item: 'open_learned', answer: ref(r1), theme: 'data', codedBy: 'anna' },
        { item: 'open_learned', answer: ref(r3), theme: 'trust', codedBy: 'ben' },
      ],
    });

    expect(await coding.resolve(ref(r2), ['data'])).toEqual({ kind: 'agreed' });
    expect(await coding.resolve(ref(r1, 'open_comments'), ['shelter'])).toEqual({ kind: 'not_double_coded', coders: 1 });
    expect((await coding.resolve(ref(r1), ['trust', 'data'])).kind).toBe('resolved');
    const resolved = await coding.summary(target);
    expect(resolved.agreement?.disagreements).toEqual([{ item: 'open_learned', answer: ref(r3), theme: 'trust', codedBy: 'ben' }]);
    // Kappa compares what the coders chose: unchanged by the resolution.
    expect(resolved.agreement?.overall).toBe(0.625);
    expect(resolved.open.find((item) => item.item === 'open_learned')?.themes).toEqual([
      { theme: 'data', respondents: 2 },
      { theme: 'trust', respondents: 1 },
      { theme: 'shelter', respondents: 1 },
    ]);

    // The run's evaluation report carries the same counts and the two coders' kappa, per theme and overall.
    const { report, themes } = await evaluationReport({ store: createSurveyRepository(prisma), coding: codingForReports(coding) }, { form: evaluationFormOf(), subject: { kind: 'run', run } });
    expect(report.agreement).toMatchObject({ coders: ['anna', 'ben'], answers: 4, overall: 0.625 });
    expect(report.agreement?.themes.map((one) => one.kappa)).toEqual([0.5, 0.5, 1]);
    expect(report.open.find((item) => item.code === 'open_learned')).toMatchObject({
      answered: 4,
      themes: [
        { theme: 'data', respondents: 2 },
        { theme: 'trust', respondents: 1 },
        { theme: 'shelter', respondents: 1 },
      ],
    });
    expect(themes.trust).toEqual({ sq: 'Trust', en: 'Trust' });
    const page = renderEvaluationHtml(report, evaluationFormOf(), { languages: ['en'], t: i18n.t, themes });
    expect(page).toContain('Cohen');
    expect(page).toContain('0.63');

    // A codebook that drops a theme in use is refused; the codebook stays as it was.
    expect(await coding.importCodebook({ formId: EVALUATION, eventId: null }, THEMES.slice(0, 2))).toEqual({ kind: 'in_use', codes: ['shelter'] });
    expect((await coding.codebook({ formId: EVALUATION, eventId: null })).map((kept) => kept.code)).toEqual(['trust', 'data', 'shelter']);
  });

  it.skipIf(skip)("codes an event's answers with the event's own codebook, and leaves responses in progress out", async () => {
    const prisma = database.db.prisma;
    const run = await seedRun(prisma, { eventId: 'event-own' });
    await seedResponses(prisma, run, [{ open_learned: 'Victims need psychological support' }]);
    await seedResponses(prisma, run, [{ open_learned: 'Still typing' }], 'active');
    const coding = codingOn();
    await coding.importCodebook({ formId: EVALUATION, eventId: null }, THEMES);
    await coding.importCodebook({ formId: EVALUATION, eventId: 'event-own' }, [theme('support', 'Support', ['psycholog'])]);
    const next = await coding.next({ formId: EVALUATION, eventId: 'event-own' }, 'anna');
    expect(next.kind === 'next' && next.themes.map((shown) => shown.code)).toEqual(['support']);
    expect(next.kind === 'next' && next.suggested.map((shown) => shown.code)).toEqual(['support']);
    expect(next.kind === 'next' && next.left).toBe(1);
    if (next.kind !== 'next') return;
    expect(await coding.code(next.answer.ref, 'anna', ['trust'])).toMatchObject({ kind: 'unknown_theme', codes: ['trust'] });
    expect((await coding.code(next.answer.ref, 'anna', ['support'])).kind).toBe('coded');
    const summary = await coding.summary({ formId: EVALUATION, runId: run.id });
    expect(summary.open).toEqual([{ item: 'open_learned', themes: [{ theme: 'support', respondents: 1 }], quotes: [] }]);
    expect(summary.agreement).toBeNull();
  });

  it.skipIf(skip)('the surveys retention deletes the coding and quotes of the responses it deletes', async () => {
    const prisma = database.db.prisma;
    const run = await seedRun(prisma, { eventId: 'event-old', at: new Date('2020-01-01T00:00:00Z') });
    const [old] = await seedResponses(prisma, run, [{ open_learned: 'Ilir from Shkodër told us about trust' }]);
    const coding = codingOn();
    await coding.importCodebook({ formId: EVALUATION, eventId: 'event-old' }, THEMES);
    const answer = old ? openAnswersOf({ ...old, formId: EVALUATION, eventId: 'event-old' })[0] : undefined;
    await coding.code(answer?.ref ?? '', 'anna', ['trust']);
    await coding.quote(answer?.ref ?? '', 'Someone told us about trust');
    const before = { responseId: old?.id ?? '' };
    expect(await prisma.codingQuote.count({ where: before })).toBe(1);
    await createSurveyRetentionRepository(database.db).purge({ staleBefore: new Date('2021-01-01T00:00:00Z'), before: new Date('2021-01-01T00:00:00Z') });
    expect(await prisma.codingQuote.count({ where: before })).toBe(0);
    expect(await prisma.codingDecision.count({ where: before })).toBe(0);
  });
});
