import type { BoardAction, BoardControls, BoardPoll, CafeBoard, ControlOutcome, EventRecord } from '../../src/events/index.js';

/** An event as the events area keeps it, with the projector's code. */
export function eventRecord(overrides: Partial<EventRecord> = {}): EventRecord {
  return {
    id: 'ev-2026',
    joinCode: 'K7M3PQ',
    names: { sq: 'Konferenca kombëtare 2026', en: 'National conference 2026' },
    startsOn: '2026-11-20',
    days: 2,
    venue: 'Tiranë',
    timezone: 'Europe/Tirane',
    languages: ['sq', 'en'],
    status: 'open',
    templateId: 'annual-conference',
    createdAt: new Date('2026-11-01T08:00:00Z'),
    publicCode: 'Q2x7vK9mT4bN8cR1sW5yZa',
    namesShown: true,
    ...overrides,
  };
}

/** A World Café round under way: round 2 of 3, two tables of three, two themes. */
export function runningCafe(endsAt: Date): CafeBoard {
  return {
    round: {
      session: 'world-cafe',
      number: 2,
      of: 3,
      question: { sq: 'Çfarë funksionon në referimin e viktimave?', en: 'What works in referring victims?' },
      status: 'running',
      endsAt: endsAt.toISOString(),
      remainingMs: null,
    },
    tables: [
      { table: 1, host: 'Drita Hoxha', members: ['Drita Hoxha', 'Ilir Gashi', 'Besa Leka'] },
      { table: 2, host: 'Arta Krasniqi', members: ['Arta Krasniqi', 'Genti Shehu', 'Mira Dervishi'] },
    ],
    themes: [
      { label: { sq: 'Bashkëpunimi', en: 'Cooperation' }, notes: 7, tables: 2 },
      { label: { sq: 'Strehimi', en: 'Shelter' }, notes: 3, tables: 1 },
    ],
  };
}

/** The clap-o-meter of the 2006 report as a yes/no show of hands: 12 of 20 checked in voted. */
export function handsPoll(yes: number, no: number, status: BoardPoll['status'] = 'open'): BoardPoll {
  return {
    id: 'poll-hands',
    question: { sq: 'A duhet një takim rajonal çdo tremujor?', en: 'Should there be a regional meeting every quarter?' },
    kind: 'yes_no',
    options: [
      { label: { sq: 'Po', en: 'Yes' }, count: yes },
      { label: { sq: 'Jo', en: 'No' }, count: no },
    ],
    voters: yes + no,
    checkedIn: 20,
    status,
  };
}

/** The board's parts as the rounds and polls would give them, changed by the test. */
export function fakeBoardParts(event: EventRecord, cafe: CafeBoard | undefined, polls: BoardPoll[]) {
  const state = { event, cafe, polls, reads: 0 };
  return {
    state,
    parts: {
      event: async (eventId: string) => (eventId === state.event.id ? state.event : undefined),
      cafe: async () => {
        state.reads += 1;
        return state.cafe ?? { tables: [], themes: [] };
      },
      polls: async () => state.polls,
    },
  };
}

/** Controls that record each press and answer as told. */
export function recordingControls(answer: (action: BoardAction) => ControlOutcome = () => ({ ok: true })): BoardControls & { presses: { eventId: string; action: BoardAction; by: string }[] } {
  const presses: { eventId: string; action: BoardAction; by: string }[] = [];
  return {
    presses,
    act: async (eventId, action, by) => {
      presses.push({ eventId, action, by });
      return answer(action);
    },
  };
}
