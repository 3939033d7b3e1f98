import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluationForms } from '../../src/surveys/index.js';
import { organiserEvents } from '../../src/compose-organiser-events.js';
import type { EventRecord } from '../../src/events/index.js';
import type { OrganiserEvents } from '../../src/transport/http/organiser-events.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import type { EventsHarness } from '../support/events-bot.js';
import { conferenceForRuns } from '../support/survey-answers.js';

// The organiser pages' and the API's evaluation runs on the surveys area itself: a run
// opened for an event is sent at its programme's evaluation slot, what the area refuses
// comes back as coded problems, counts come from the run's tokens, and an organiser
// closes only their own event's runs.

const SLOT = new Date('2026-06-02T14:00:00Z');

describe.each(PROVIDERS_UNDER_TEST)('evaluation runs for the organiser pages on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  let h: EventsHarness;
  let event: EventRecord;
  let web: OrganiserEvents;

  beforeEach(async () => {
    if (skip) return;
    ({ h, event } = await conferenceForRuns(database));
    web = organiserEvents({
      events: h.events,
      botUsername: () => 'ura_test_bot',
      surveyRuns: { runs: h.areas.surveyRuns.runs, forms: evaluationForms(h.areas.catalog), link: (code) => `https://t.me/ura_test_bot?start=sv_${code}` },
    });
  });
  afterEach(async () => h?.dispose());

  it.skipIf(skip)('opens a run at the evaluation slot with its link, lists it with the counts of its tokens, and offers only evaluation forms', async () => {
    const opened = await web.openSurveyRun(event.id, { form: 'surveys/event-evaluation', closesAt: null, remindAfter: 60 });
    if (!('opened' in opened)) throw new Error(JSON.stringify(opened.problems));
    const run = await h.db.prisma.surveyRun.findUniqueOrThrow({ where: { id: opened.opened.id } });
    expect(opened.opened).toMatchObject({ form: 'surveys/event-evaluation', open: true, sendAt: SLOT, remindAfter: 60, link: `https://t.me/ura_test_bot?start=sv_${run.code}` });
    expect(run.scope).toBe(event.id);

    const telegramId = 8401;
    const registered = await h.events.participants.registerWalkIn(
      event,
      { name: 'Ana Hoxha', organisation: 'Org', orgType: 'ngo', region: 'fier' },
      { telegramId, chatId: telegramId, language: 'en' },
    );
    if (registered.kind !== 'registered') throw new Error(registered.kind);
    await h.events.participants.checkIn(event, registered.participant.id, 2, 'organiser');
    h.clock.set(SLOT);
    await h.areas.surveyRuns.delivery.tick();
    const { runs, forms } = await web.surveyRuns(event.id);
    expect(runs.map((one) => [one.id, one.counts])).toEqual([[run.id, { invited: 1, started: 0, completed: 0 }]]);
    expect(runs[0]?.sentAt).toEqual(SLOT);
    expect(forms).toEqual(expect.arrayContaining(['surveys/event-evaluation', 'surveys/training-evaluation']));
    expect(forms).not.toContain('surveys/service-feedback');
  });

  it.skipIf(skip)('gives back what the surveys area refuses as coded problems, and opens nothing', async () => {
    const gone = new Date(h.clock.now().getTime() - 60_000);
    expect(await web.openSurveyRun(event.id, { form: 'surveys/event-evaluation', closesAt: gone, remindAfter: null })).toEqual({
      problems: [
        { code: 'closes_passed', at: gone },
        { code: 'closes_before_slot', at: gone, slot: SLOT },
      ],
    });
    const early = new Date(SLOT.getTime() - 60_000);
    expect(await web.openSurveyRun(event.id, { form: 'surveys/event-evaluation', closesAt: early, remindAfter: 0 })).toEqual({
      problems: [
        { code: 'closes_before_slot', at: early, slot: SLOT },
        { code: 'remind_range', minutes: 0, max: 10_080 },
      ],
    });
    expect(await web.openSurveyRun(event.id, { form: 'surveys/service-feedback', closesAt: null, remindAfter: null })).toEqual({
      problems: [{ code: 'unknown_form', form: 'surveys/service-feedback' }],
    });
    expect(await h.db.prisma.surveyRun.count()).toBe(0);
  });

  it.skipIf(skip)("closes the event's own run once, and no other event's", async () => {
    const other = await h.conference({ invitees: [] });
    const opened = await web.openSurveyRun(event.id, { form: 'surveys/event-evaluation', closesAt: null, remindAfter: null });
    if (!('opened' in opened)) throw new Error(JSON.stringify(opened.problems));
    expect(await web.closeSurveyRun(other.id, opened.opened.id)).toBe('not_found');
    expect(await web.surveyRun(other.id, opened.opened.id)).toBeUndefined();
    expect((await web.surveyRun(event.id, opened.opened.id))?.counts).toEqual({ invited: 0, started: 0, completed: 0 });
    expect(await web.closeSurveyRun(event.id, 'no-such-run')).toBe('not_found');
    expect((await web.surveyRuns(event.id)).runs[0]?.open).toBe(true);
    expect(await web.closeSurveyRun(event.id, opened.opened.id)).toBe('closed');
    expect(await web.closeSurveyRun(event.id, opened.opened.id)).toBe('already_closed');
    expect((await web.surveyRuns(event.id)).runs[0]).toMatchObject({ open: false, closedAt: h.clock.now() });
  });
});
