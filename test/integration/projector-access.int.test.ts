import { afterAll } from 'vitest';
import { createBoard } from '../../src/events/index.js';
import { runningCafe } from '../support/board.js';
import { fakeClock } from '../support/clock.js';
import { sqliteDatabase, type TestDatabase } from '../support/database.js';
import { eventsOn } from '../support/events.js';
import { projectorAccessSuite, SEATED } from '../support/projector-access.js';

// The access suite of test/unit/projector-access.test.ts on the events area over SQLite
// (the guards are the web side's; one database is enough).
let test: TestDatabase | undefined;
afterAll(async () => test?.dispose());

projectorAccessSuite(async () => {
  test = await sqliteDatabase();
  const events = eventsOn(test.db.prisma, fakeClock('2026-11-20T07:00:00Z'));
  const cafe = runningCafe(new Date('2026-11-20T08:20:00Z'));
  cafe.tables[0] = { table: 1, host: `${SEATED.first} ${SEATED.surname}`, members: [`${SEATED.first} ${SEATED.surname}`, 'Ilir Gashi'] };
  return {
    events,
    board: createBoard({ event: (id) => events.find(id), cafe: async () => cafe }),
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
      return { code: event.publicCode ?? '', eventId: event.id, otherCode: other.publicCode ?? '' };
    },
  };
});
