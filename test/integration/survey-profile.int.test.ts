import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventEvaluationSubject } from '../../src/compose-evaluation.js';
import type { EventRecord } from '../../src/events/index.js';
import type { InviteRegion, OrgType } from '../../src/shared/organisations.js';
import { previousFromReport } from '../../src/reports/evaluation/previous.js';
import { createSurveyRepository } from '../../src/storage/survey-repository.js';
import { evaluationForm, evaluationReport, formTranslate, formWording, importPaper, type SurveyRun } from '../../src/surveys/index.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import type { EventsHarness } from '../support/events-bot.js';
import { conferenceForRuns } from '../support/survey-answers.js';
import { flowsWith } from '../support/helpline-bot.js';
import { answerSurvey, type SurveyChatDriver } from '../support/survey-chat.js';

// A survey form that is not anonymous (`anonymous: false` in its flow file): each response
// keeps the type of organisation and region its respondent registered with, never a name,
// so that the evaluation report can break the ratings down by group, smallest groups
// hidden. And every run keeps the wording it asked, so that next year's report flags the
// questions reworded since. The event evaluation's second-day slot is 14:00 UTC.

const EVALUATION = 'surveys/event-evaluation';
const SLOT = new Date('2026-06-02T14:00:00Z');
const MINUTE = 60_000;
const FIRST = 8301;
const WALK_INS: readonly { orgType: OrgType; region: InviteRegion; language: 'sq' | 'en' }[] = [
  { orgType: 'ngo', region: 'tirane', language: 'sq' },
  { orgType: 'local_gov', region: 'shkoder', language: 'en' },
  { orgType: 'central_gov', region: 'national', language: 'en' },
];

describe.each(PROVIDERS_UNDER_TEST)('a survey form that is not anonymous, on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  const catalog = flowsWith(EVALUATION, { anonymous: false });
  let h: EventsHarness;
  let event: EventRecord;
  let present: number[];

  beforeEach(async () => {
    if (skip) return;
    ({ h, event } = await conferenceForRuns(database, { catalog }));
    present = [];
    for (const [index, walkIn] of WALK_INS.entries()) {
      const telegramId = FIRST + index;
      const person = { name: `Person${index} Surname`, organisation: `Org ${index}`, orgType: walkIn.orgType, region: walkIn.region };
      const registered = await h.events.participants.registerWalkIn(event, person, { telegramId, chatId: telegramId, language: walkIn.language });
      if (registered.kind !== 'registered') throw new Error(registered.kind);
      await h.events.participants.checkIn(event, registered.participant.id, 2, 'organiser');
      present.push(telegramId);
    }
  });
  afterEach(async () => h?.dispose());

  const runs = () => h.areas.surveyRuns;
  const form = () => {
    const compiled = catalog.get(EVALUATION);
    if (!compiled) throw new Error(EVALUATION);
    return evaluationForm(compiled, formTranslate(h.i18n));
  };
  const say = (language: 'sq' | 'en', key: string, vars?: Record<string, string>) => h.i18n.t(language, key, vars);
  async function openRun(ref = event.id, options: { remindAfter?: number | null } = {}): Promise<SurveyRun> {
    const opened = await runs().runs.open({ flowId: EVALUATION, event: ref, ...options });
    if (opened.kind !== 'opened') throw new Error(opened.problems.join('; '));
    return opened.run;
  }
  async function slotArrives() {
    h.clock.set(SLOT);
    await runs().delivery.tick();
    await h.parts.outbox.idle();
    await h.parts.outbox.drain();
  }
  const chat = (telegramId: number): SurveyChatDriver => {
    const person = h.person({ userId: telegramId, languageCode: 'en' });
    return { shown: async () => h.last(telegramId), press: (data) => person.press(data), type: (text) => person.say(text) };
  };
  const paper = (eventId: string, csv: string) =>
    importPaper(
      { store: createSurveyRepository(h.db.prisma), clock: h.clock },
      { form: form(), language: 'en', file: { format: 'csv', bytes: new TextEncoder().encode(csv) }, target: { event: eventId } },
    );
  const reportOf = async (of: EventRecord, previous: Parameters<typeof evaluationReport>[1]['previous'] = null) =>
    evaluationReport({ store: createSurveyRepository(h.db.prisma) }, { form: form(), subject: await eventEvaluationSubject(h.events, of), previous });

  it.skipIf(skip)('tells each participant before the first question what the answers are kept with, and keeps their type of organisation and region, never a name', async () => {
    const run = await openRun(event.id, { remindAfter: 60 });
    await slotArrives();
    const evaluation = (language: 'sq' | 'en', key: string) => say(language, `surveys.event-evaluation:${key}`);
    expect(h.texts(present[1]!)).toEqual([say('en', 'surveys:profile_notice'), evaluation('en', 'intro.text'), evaluation('en', 'part_a.text'), evaluation('en', 'obj_expectations.text')]);
    expect(h.texts(present[0]!)[0]).toBe(say('sq', 'surveys:profile_notice'));

    await answerSurvey(chat(present[1]!), { obj_expectations: '4' });
    const [row] = await h.db.prisma.surveyResponse.findMany({ where: { runId: run.id } });
    expect(row).toMatchObject({ status: 'completed', respondentKey: null, orgType: 'local_gov', region: 'shkoder' });
    expect(JSON.stringify(row)).not.toMatch(/Person1|Surname|Org 1/);

    // The reminder to the unfinished says the same, not "anonymous".
    h.clock.set(new Date(SLOT.getTime() + 60 * MINUTE));
    await runs().delivery.tick();
    await h.parts.outbox.idle();
    await h.parts.outbox.drain();
    const reminder = say('sq', 'surveys:reminder.text_profile', { form: evaluation('sq', 'title'), event: 'Konferenca Kombëtare' });
    expect(h.texts(present[0]!)).toContain(reminder);
    expect(h.texts(present[0]!)).not.toContain(say('sq', 'surveys:reminder.text', { form: evaluation('sq', 'title'), event: 'Konferenca Kombëtare' }));
    await h.person({ userId: present[2]!, languageCode: 'en' }).command('survey');
    expect(h.last(present[2]!).text).toBe(say('en', 'surveys:list.title_profile'));

    // Opened by its link, the notice comes before the first question too.
    await h.person({ userId: present[2]!, languageCode: 'en' }).start(`sv_${run.code}`);
    expect(h.texts(present[2]!).slice(-4)).toEqual([say('en', 'surveys:profile_notice'), evaluation('en', 'intro.text'), evaluation('en', 'part_a.text'), evaluation('en', 'obj_expectations.text')]);
  });

  it.skipIf(skip)('breaks the ratings down by group from chat and paper answers together, a group under 5 hidden and the next smallest withheld', async () => {
    await openRun();
    await slotArrives();
    await answerSurvey(chat(present[0]!), { obj_expectations: '4' });
    await answerSurvey(chat(present[1]!), { obj_expectations: '3' });
    const rows = [
      ...Array.from({ length: 5 }, () => 'ngo,tirane,4'),
      'NGO,Tirane,3',
      ...Array.from({ length: 2 }, () => 'local_gov,shkoder,2'),
      ...Array.from({ length: 5 }, () => 'international,international,4'),
    ];
    const imported = await paper(event.id, `org_type,region,obj_expectations\n${rows.join('\n')}\n`);
    expect(imported).toMatchObject({ kind: 'imported', imported: 13 });

    const { report } = await reportOf(event);
    expect(report.bySource).toEqual({ chat: 2, paper: 13 });
    const byType = report.breakdowns.find((breakdown) => breakdown.by === 'orgType')?.items.find((item) => item.code === 'obj_expectations');
    expect(byType?.rows).toEqual([
      { key: 'local_gov', respondents: '<5', topBoxOfAll: null },
      { key: 'ngo', respondents: 7, topBoxOfAll: 85.7 },
      { key: 'international', respondents: 'x', topBoxOfAll: null },
    ]);
    const byRegion = report.breakdowns.find((breakdown) => breakdown.by === 'region')?.items.find((item) => item.code === 'obj_expectations');
    expect(byRegion?.rows).toEqual([
      { key: 'shkoder', respondents: '<5', topBoxOfAll: null },
      { key: 'tirane', respondents: 7, topBoxOfAll: 85.7 },
      { key: 'international', respondents: 'x', topBoxOfAll: null },
    ]);
  });

  it.skipIf(skip)("keeps the wording each run asked, so that next year's report flags the questions reworded since, and only those", async () => {
    const lastYear = await h.conference({ invitees: [] });
    expect(await paper(lastYear.id, 'obj_expectations,obj_skills\n4,4\n3,4\n')).toMatchObject({ kind: 'imported', imported: 2 });
    // In 2025 the skills question read differently: the run of that year kept it so.
    const [earlierRun] = await h.db.prisma.surveyRun.findMany({ where: { scope: lastYear.id } });
    const asked2025 = JSON.parse(earlierRun?.wording ?? 'null') as Record<string, Record<string, string>>;
    expect(asked2025).toEqual(formWording(form()));
    asked2025.obj_skills = { ...asked2025.obj_skills, en: 'Did the conference teach you anything practical?' };
    await h.db.prisma.surveyRun.update({ where: { id: earlierRun?.id ?? '' }, data: { wording: JSON.stringify(asked2025) } });

    const run = await openRun();
    expect(run.wording).toEqual(formWording(form()));
    expect((await runs().runs.get(run.id))?.wording).toEqual(formWording(form()));
    expect(await paper(event.id, 'obj_expectations,obj_skills\n4,4\n4,3\n')).toMatchObject({ kind: 'imported', imported: 2 });

    const earlier = await reportOf(lastYear);
    const { report } = await reportOf(event, previousFromReport(earlier.report, earlier.wording));
    const compared = (code: string) => report.items.find((item) => item.code === code)?.previous;
    expect(compared('obj_expectations')).toEqual({ topBox: { ofAll: 50 }, deltaPoints: { ofAll: 50 }, wordingChanged: false });
    expect(compared('obj_skills')).toEqual({ topBox: { ofAll: 100 }, deltaPoints: { ofAll: -50 }, wordingChanged: true });
  });
});
