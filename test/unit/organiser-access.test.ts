import { organiserAccessSuite, PARTICIPANT_NAME } from '../support/organiser-access.js';
import { fakeOrganiserEvents } from '../support/organiser-events.js';

// Every organiser route, in every way it must refuse, on the in-memory events; the
// same suite runs on the events area in test/integration/organiser-access.int.test.ts.
organiserAccessSuite(async () => {
  const events = fakeOrganiserEvents();
  return {
    events,
    async prepare(organiserId, otherOrganiserId, now) {
      events.add({ id: 'ev-1', organiserIds: [organiserId] });
      events.add({ id: 'ev-2', organiserIds: [otherOrganiserId] });
      events.register('ev-1', { name: PARTICIPANT_NAME, organisation: 'Qendra Vatra', orgType: 'ngo', region: 'vlore', invited: true, registeredAt: now, checkedInAt: null });
      const opened = await events.openSurveyRun('ev-1', { form: 'surveys/event-evaluation', closesAt: null, remindAfter: null });
      if (!('opened' in opened)) throw new Error('no run');
      return { event: 'ev-1', otherEvent: 'ev-2', run: opened.opened.id };
    },
    imports: () => events.imports.map((entry) => entry.eventId),
  };
});
