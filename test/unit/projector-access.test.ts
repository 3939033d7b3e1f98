import { createBoard } from '../../src/events/index.js';
import { eventRecord, runningCafe } from '../support/board.js';
import { projectorAccessSuite, SEATED } from '../support/projector-access.js';

// Every projector route, in every way it must refuse, on in-memory events; the same
// suite runs on the events area in test/integration/projector-access.int.test.ts.
projectorAccessSuite(async () => {
  const organisers = new Map<string, string[]>();
  const records = [eventRecord({ id: 'ev-1', publicCode: 'Q2x7vK9mT4bN8cR1sW5yZa' }), eventRecord({ id: 'ev-2', publicCode: 'h8Jd-3kLq_0pWn5tYb2cVx' })];
  const cafe = runningCafe(new Date('2026-11-20T08:20:00Z'));
  cafe.tables[0] = { table: 1, host: `${SEATED.first} ${SEATED.surname}`, members: [`${SEATED.first} ${SEATED.surname}`, 'Ilir Gashi'] };
  return {
    events: {
      byPublicCode: async (code) => records.find((record) => record.publicCode === code),
      isOrganiser: async (eventId, staffId) => organisers.get(eventId)?.includes(staffId) ?? false,
    },
    board: createBoard({ event: async (id) => records.find((record) => record.id === id), cafe: async () => cafe }),
    async prepare(organiserId, otherOrganiserId) {
      organisers.set('ev-1', [organiserId]);
      organisers.set('ev-2', [otherOrganiserId]);
      return { code: 'Q2x7vK9mT4bN8cR1sW5yZa', eventId: 'ev-1', otherCode: 'h8Jd-3kLq_0pWn5tYb2cVx' };
    },
  };
});
