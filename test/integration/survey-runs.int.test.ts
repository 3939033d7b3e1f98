import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/events/index.js';
import { runProblemText } from '../../src/cli/survey-runs.js';
import type { SurveyRun } from '../../src/surveys/index.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import type { EventsHarness } from '../support/events-bot.js';
import { conferenceForRuns } from '../support/survey-answers.js';
import { answerSurvey, type SurveyChatDriver } from '../support/survey-chat.js';

// Evaluation runs in the chat on a real database: an annual conference whose second day's
// evaluation slot is 16.00 in Tirana (14:00 UTC in June); participants checked in on that
// day receive the form's opening once, answer with its buttons, and cannot answer twice;
// the one reminder reaches only those who have not finished; closing keeps what an
// unfinished response holds. The clock starts on the first day, 09:00 UTC.

const EVALUATION = 'surveys/event-evaluation';
const SLOT = new Date('2026-06-02T14:00:00Z');
const MINUTE = 60_000;
const FIRST = 8101;

describe.each(PROVIDERS_UNDER_TEST)('evaluation runs in the chat on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  let h: EventsHarness;
  let event: EventRecord;
  /** Telegram ids of the participants checked in on day 2; the last one registered but never came. */
  let present: number[];
  let absent: number;

  beforeEach(async () => {
    if (skip) return;
    ({ h, event } = await conferenceForRuns(database));
    present = [];
    for (let index = 0; index < 5; index++) {
      const telegramId = FIRST + index;
      const walkIn = { name: `Person${index} Surname`, organisation: `Org ${index}`, orgType: 'ngo' as const, region: 'tirane' as const };
      const registered = await h.events.participants.registerWalkIn(event, walkIn, { telegramId, chatId: telegramId, language: index === 0 ? 'sq' : 'en' });
      if (registered.kind !== 'registered') throw new Error(registered.kind);
      if (index < 4) {
        await h.events.participants.checkIn(event, registered.participant.id, 2, 'organiser');
        present.push(telegramId);
      } else absent = telegramId;
    }
  });
  afterEach(async () => h?.dispose());

  const runs = () => h.areas.surveyRuns;
  async function openRun(options: { remindAfter?: number | null } = {}): Promise<SurveyRun> {
    const opened = await runs().runs.open({ flowId: EVALUATION, event: event.id, ...options });
    if (opened.kind !== 'opened') throw new Error(opened.problems.join('; '));
    return opened.run;
  }
  const en = (key: string, vars?: Record<string, string | number>) => h.i18n.t('en', `surveys:${key}`, vars);
  const form = (language: 'sq' | 'en', key: string) => h.i18n.t(language, `surveys.event-evaluation:${key}`);
  const received = (chatId: number) => h.texts(chatId);
  /** The run's messages as the outbox holds them. */
  const queued = (purpose: string) => h.db.prisma.outboxMessage.findMany({ where: { purpose } });
  /** What the tick queued has gone out (the tick starts a drain of its own). */
  async function delivered() {
    await h.parts.outbox.idle();
    await h.parts.outbox.drain();
  }
  async function slotArrives() {
    h.clock.set(SLOT);
    await runs().delivery.tick();
    await delivered();
  }
  const chat = (telegramId: number): SurveyChatDriver => {
    const person = h.person({ userId: telegramId, languageCode: 'en' });
    return { shown: async () => h.last(telegramId), press: (data) => person.press(data), type: (text) => person.say(text) };
  };
  const responses = async (runId: string) => (await h.db.prisma.surveyResponse.findMany({ where: { runId } })).map((row) => ({ ...row, answers: JSON.parse(row.answers) }));

  it.skipIf(skip)('sends the opening once at the evaluation slot, in each participant language, only to those checked in that day, however many ticks run', async () => {
    const run = await openRun();
    expect(run.sendAt).toEqual(SLOT);
    h.clock.set(new Date(SLOT.getTime() - MINUTE));
    expect(await runs().delivery.tick()).toEqual({ sent: 0, reminded: 0, closed: 0 });
    h.clock.set(SLOT);
    // Two processes' ticks at once, then another after a restart: one sending.
    const ticks = await Promise.all([runs().delivery.tick(), runs().delivery.tick()]);
    expect(ticks.map((tick) => tick.sent).sort()).toEqual([0, 1]);
    expect((await runs().delivery.tick()).sent).toBe(0);
    await delivered();
    expect(await queued('survey_opening')).toHaveLength(present.length * 3);
    expect(received(present[1]!)).toEqual([form('en', 'intro.text'), form('en', 'part_a.text'), form('en', 'obj_expectations.text')]);
    expect(received(present[0]!)).toEqual([form('sq', 'intro.text'), form('sq', 'part_a.text'), form('sq', 'obj_expectations.text')]);
    expect(received(absent)).toEqual([]);
    const listed = await runs().runs.list(event.id);
    expect(listed?.map((summary) => summary.counts)).toEqual([{ invited: 4, started: 0, completed: 0 }]);
  });

  it.skipIf(skip)('takes answers from the opening buttons, keeps N/A apart from a skip, and refuses a second response by link or old button', async () => {
    const run = await openRun();
    await slotArrives();
    const answered = await answerSurvey(chat(present[1]!), { obj_expectations: '4', obj_information: 'NA', open_learned: 'Referral paths', action_planned: 'yes' });
    expect(answered[0]).toBe('obj_expectations');
    expect(h.last(present[1]!).text).toBe(form('en', 'thanks.text'));
    const [response] = await responses(run.id);
    expect(response).toMatchObject({ status: 'completed', respondentKey: null, source: 'chat' });
    expect(response?.answers.obj_expectations).toEqual({ kind: 'choice', code: '4' });
    expect(response?.answers.obj_information).toEqual({ kind: 'na' });
    expect(response?.answers.obj_skills).toEqual({ kind: 'skipped' });
    expect(response?.answers.open_learned).toEqual({ kind: 'text', value: 'Referral paths' });

    const person = h.person({ userId: present[1]!, languageCode: 'en' });
    await person.start(`sv_${run.code}`);
    expect(h.last(present[1]!).text).toBe(en('refused.answered'));
    await person.press(`s:${run.code}|c|obj_expectations|1`);
    expect(h.last(present[1]!).text).toBe(en('refused.answered'));
    expect(await responses(run.id)).toHaveLength(1);
    // Nothing stored with the token tells whose response it is: no time, no response id.
    const tokens = await h.db.prisma.surveyToken.findMany({ where: { runId: run.id } });
    expect(Object.keys(tokens[0] ?? {}).sort()).toEqual(['runId', 'status', 'token']);
    expect((await runs().runs.list(event.id))?.[0]?.counts).toEqual({ invited: 4, started: 1, completed: 1 });
  });

  it.skipIf(skip)('reminds only those who have not finished, once, and keeps partial answers when the run closes', async () => {
    const run = await openRun({ remindAfter: 90 });
    await slotArrives();
    const [finished, partway, silent] = present;
    await answerSurvey(chat(finished!), {});
    await answerSurvey(chat(partway!), { obj_expectations: '3', obj_information: '2' }, { leaveBefore: 'obj_skills' });

    h.clock.set(new Date(SLOT.getTime() + 89 * MINUTE));
    expect((await runs().delivery.tick()).reminded).toBe(0);
    h.clock.set(new Date(SLOT.getTime() + 90 * MINUTE));
    await Promise.all([runs().delivery.tick(), runs().delivery.tick()]);
    await runs().delivery.tick();
    await delivered();
    const reminder = en('reminder.text', { form: form('en', 'title'), event: 'National Conference' });
    expect(received(partway!).filter((text) => text === reminder)).toHaveLength(1);
    expect(received(silent!).filter((text) => text === reminder)).toHaveLength(1);
    expect(received(finished!)).not.toContain(reminder);
    expect(received(absent)).toEqual([]);

    // The reminder's button continues where they stopped.
    const person = h.person({ userId: partway!, languageCode: 'en' });
    await person.press(h.button(partway!, en('reminder.continue')));
    expect(h.last(partway!).text).toBe(form('en', 'obj_skills.text'));

    expect(await runs().runs.close(run.id)).toBe('closed');
    expect(await runs().runs.close(run.id)).toBe('already_closed');
    const unfinished = (await responses(run.id)).find((response) => response.status !== 'completed');
    expect(unfinished).toMatchObject({ status: 'abandoned', respondentKey: null });
    expect(unfinished?.answers).toEqual({ obj_expectations: { kind: 'choice', code: '3' }, obj_information: { kind: 'choice', code: '2' } });
    // A closed run refuses the buttons it sent and its link, and sends nothing more.
    await person.press(`s:${run.code}|c|obj_skills|4`);
    expect(h.last(partway!).text).toBe(en('refused.closed'));
    await h.person({ userId: silent!, languageCode: 'en' }).start(`sv_${run.code}`);
    expect(h.last(silent!).text).toBe(en('refused.closed'));
    expect((await runs().runs.list(event.id))?.[0]).toMatchObject({ open: false, counts: { invited: 4, started: 2, completed: 1 } });
  });

  it.skipIf(skip)('opens an event run by its link only for checked-in participants, a standalone run for anyone, and closes at its set time', async () => {
    const run = await openRun();
    const stranger = h.person({ userId: 8999, languageCode: 'en' });
    await stranger.start(`sv_${run.code}`);
    expect(h.last(8999).text).toBe(en('refused.not_participant'));
    await h.person({ userId: absent, languageCode: 'en' }).start(`sv_${run.code}`);
    expect(h.last(absent).text).toBe(en('refused.not_participant'));
    await h.person({ userId: present[2]!, languageCode: 'en' }).start(`sv_${run.code}`);
    expect(h.last(present[2]!).text).toBe(form('en', 'obj_expectations.text'));
    await stranger.start('sv_ZZZZZZ');
    expect(h.last(8999).text).toBe(en('refused.unknown'));

    const closesAt = new Date(h.clock.now().getTime() + 60 * MINUTE);
    const standalone = await runs().runs.open({ flowId: 'surveys/training-evaluation', closesAt });
    if (standalone.kind !== 'opened') throw new Error(standalone.problems.join('; '));
    await stranger.start(`sv_${standalone.run.code}`);
    expect(h.last(8999).buttons.length).toBeGreaterThan(0);
    await stranger.command('survey');
    expect(h.last(8999).text).toBe(en('list.title'));
    h.clock.set(closesAt);
    expect((await runs().delivery.tick()).closed).toBe(1);
    await stranger.start(`sv_${standalone.run.code}`);
    expect(h.last(8999).text).toBe(en('refused.closed'));
  });

  it.skipIf(skip)('leaves out a participant who deleted their data: no reminder, no way back to the response they began', async () => {
    const run = await openRun({ remindAfter: 30 });
    await slotArrives();
    const [leaving] = present;
    await answerSurvey(chat(leaving!), { obj_expectations: '2' }, { leaveBefore: 'obj_information' });
    const row = await h.db.prisma.eventParticipant.findFirstOrThrow({ where: { telegramKey: h.identity.hashId('participant', leaving!) } });
    await h.events.participants.erase(row.id);
    h.clock.set(new Date(SLOT.getTime() + 30 * MINUTE));
    await runs().delivery.tick();
    await delivered();
    const reminder = h.i18n.t('sq', 'surveys:reminder.text', { form: form('sq', 'title'), event: 'Konferenca Kombëtare' });
    expect(received(leaving!)).not.toContain(reminder);
    await h.person({ userId: leaving!, languageCode: 'en' }).start(`sv_${run.code}`);
    expect(h.last(leaving!).text).toBe(en('refused.not_participant'));
    // The response they began keeps its answer and is keyed by nothing the participant's remaining row holds.
    const [response] = await responses(run.id);
    expect(response?.answers).toEqual({ obj_expectations: { kind: 'choice', code: '2' } });
    expect(response?.respondentKey).not.toBe(h.identity.hashId(`survey-respondent:${run.id}`, `participant:${row.id}`));
  });

  it.skipIf(skip)('holds back a flood of presses on a run, telling the person once, and still answers each press', async () => {
    const run = await openRun();
    const person = h.person({ userId: present[3]!, languageCode: 'en' });
    for (let press = 0; press < 100; press++) await person.press(`s:${run.code}|c|obj_expectations|4`);
    expect(received(present[3]!).filter((text) => text === en('slow_down'))).toHaveLength(1);
    const answered = h.api.calls.filter((call) => call.method === 'answerCallbackQuery');
    expect(answered).toHaveLength(100);
  });

  it.skipIf(skip)('refuses to open a run of an unknown form, for an unknown event, closing before its slot, or with a reminder and no event', async () => {
    const problems = async (input: Parameters<ReturnType<typeof runs>['runs']['open']>[0]) => {
      const refused = await runs().runs.open(input);
      // As the command line says them.
      return refused.kind === 'invalid' ? refused.problems.map(runProblemText) : [];
    };
    expect(await problems({ flowId: 'surveys/nothing', event: 'NOSUCH' })).toEqual([
      '--form "surveys/nothing" is no loaded flow; `ura flows list` shows them',
      '--event "NOSUCH": no event has that id or join code',
    ]);
    expect(await problems({ flowId: EVALUATION, event: event.joinCode, closesAt: new Date(SLOT.getTime() - MINUTE) })).toEqual([
      `--closes ${new Date(SLOT.getTime() - MINUTE).toISOString()} comes before the evaluation slot (${SLOT.toISOString()})`,
    ]);
    expect(await problems({ flowId: EVALUATION, remindAfter: 30 })).toEqual(['a reminder goes only to the participants of an event: give --event, or no reminder']);
    expect(await problems({ flowId: EVALUATION, event: event.id, remindAfter: 0 })).toEqual([`the reminder must come 1 to 10080 whole minutes after sending, not 0`]);
    expect(await h.db.prisma.surveyRun.count()).toBe(0);
  });
});
