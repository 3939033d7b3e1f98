import { afterAll, describe, expect, it } from 'vitest';
import { evaluationDownloads } from '../../src/compose-evaluation.js';
import { evaluationForms } from '../../src/surveys/index.js';
import { surveyRunsOver } from '../../src/compose-surveys.js';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import { createEventStore } from '../../src/storage/event-repository.js';
import { testConfig } from '../support/config.js';
import { organiserEvents } from '../../src/compose-organiser-events.js';
import { loadAreaFlows } from '../../src/flow-actions.js';
import { createI18n } from '../../src/i18n/index.js';
import { createSurveyRepository } from '../../src/storage/survey-repository.js';
import { fakeClock } from '../support/clock.js';
import { sqliteDatabase, type TestDatabase } from '../support/database.js';
import { eventsOn } from '../support/events.js';
import { countingImports, organiserAccessSuite, PARTICIPANT_NAME } from '../support/organiser-access.js';

// The access suite of test/unit/organiser-access.test.ts, on the app built as main.ts
// builds it: the organiser pages and the API on the events area, over SQLite (the
// guards are the web side's; one database is enough).
let test: TestDatabase | undefined;
let ids = { event: '', otherEvent: '' };
afterAll(async () => test?.dispose());

organiserAccessSuite(async () => {
  test = await sqliteDatabase();
  const clock = fakeClock('2026-11-20T07:00:00Z');
  const events = eventsOn(test.db.prisma, clock);
  const { catalog } = loadAreaFlows();
  const { events: web, imports } = countingImports(
    organiserEvents({
      events,
      botUsername: () => 'ura_test_bot',
      entranceCode: async () => ({ code: '4821', validUntil: new Date('2026-11-20T09:10:00Z') }),
      evaluation: evaluationDownloads({ catalog, i18n: createI18n(), store: createSurveyRepository(test.db.prisma), events }),
      surveyRuns: {
        runs: surveyRunsOver({
          prisma: test.db.prisma,
          catalog,
          events,
          eventStore: createEventStore(test.db.prisma),
          identity: createIdentityProtector(testConfig().secrets),
          i18n: createI18n(),
          clock,
        }),
        forms: evaluationForms(catalog),
        link: (code) => `https://t.me/ura_test_bot?start=sv_${code}`,
      },
    }),
  );
  return {
    events: web,
    async prepare(organiserId, otherOrganiserId) {
      const create = async (name: string) => {
        const created = await events.create({ names: { sq: name }, startsOn: '2026-11-20', days: 2 });
        if (created.kind !== 'created') throw new Error(JSON.stringify(created.problems));
        return created.event;
      };
      const event = await create('Konferenca kombëtare 2026');
      const other = await create('Komiteti rajonal Fier');
      await events.addOrganiser(event.id, organiserId);
      await events.addOrganiser(other.id, otherOrganiserId);
      await events.importInvites(event.id, { format: 'csv', bytes: Buffer.from(`name,organisation,org_type,region\n${PARTICIPANT_NAME},Qendra Vatra,ngo,vlore\n`) });
      const [invitee] = await events.roster(event.id);
      if (!invitee?.inviteeId) throw new Error('no invitee');
      await events.participants.registerInvitee(event, invitee.inviteeId, { telegramId: 5101, chatId: 5101, language: 'sq' });
      const opened = await web.openSurveyRun(event.id, { form: 'surveys/event-evaluation', closesAt: null, remindAfter: null });
      if (!('opened' in opened)) throw new Error(JSON.stringify(opened.problems));
      ids = { event: event.id, otherEvent: other.id };
      return { ...ids, run: opened.opened.id };
    },
    imports: () => imports,
  };
});

describe('what the refused requests left on the events area', () => {
  it('one list imported, by the admin, into the first event; none into the other', async () => {
    if (!test) throw new Error('no database');
    const events = eventsOn(test.db.prisma, fakeClock());
    const roster = (await events.roster(ids.event)).map((entry) => [entry.name, entry.participantId !== null]);
    // One import stores its rows in no set order.
    expect(roster.sort()).toEqual([
      ['A', false],
      [PARTICIPANT_NAME, true],
    ]);
    expect(await events.roster(ids.otherEvent)).toEqual([]);
  });
});
