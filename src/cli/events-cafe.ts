import { Command } from 'commander';
import { createCafePlanning, nameKey } from '../events/index.js';
import { systemClock } from '../shared/clock.js';
import { createEventCafeRepository } from '../storage/event-cafe-repository.js';
import { createEventStore } from '../storage/event-repository.js';
import { EXIT, ExitError } from './environment.js';
import { onEvent } from './events-context.js';
import { eventLabel } from './events-output.js';

const USAGE = 'usage: ura events cafe plan <event> [--session <n>] [--hosts "<name>,<name>"] [--table-size <n>] [--seed <n>] [--json]';

const whole = (value: string | undefined, flag: string, min: number, max: number): number | undefined => {
  if (value === undefined) return undefined;
  const number = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || number < min || number > max) throw new ExitError(EXIT.badConfig, [`${flag} must be a whole number from ${min} to ${max}, not "${value}"`, USAGE]);
  return number;
};

const PLAN_REFUSALS: Record<string, string> = {
  not_world_cafe: 'that session is no World Café',
  too_few: 'fewer than two participants are checked in today',
  all_played: 'every round has been played',
  raced: 'a round started while the plan was made; run the command again',
  impossible: 'each traveller needs a new table every round, and there are too few people for that many tables',
};

/** The World Café of an event from the command line: its seating, with the hosts the facilitators choose. */
export const cafeCommand = new Command('cafe').description("an event's World Café: the seating of the checked-in participants (rounds are run from the bot's /cafe)");

cafeCommand
  .command('plan')
  .description('seat the checked-in participants for the rounds not played yet and print the tables; the same seed gives the same plan')
  .argument('<event>', 'the event id or join code')
  .option('--session <n>', 'which World Café of the programme, 1 for the first (default 1)')
  .option('--hosts <names>', 'comma-separated names of participants who host a table (the others are chosen by Ura)')
  .option('--table-size <n>', 'the most people at a table, the host included (default 4)')
  .option('--seed <n>', 'the seed of the plan (default: fixed per session)')
  .option('--json', 'print the tables as JSON')
  .action((ref: string, options: { session?: string; hosts?: string; tableSize?: string; seed?: string; json?: boolean }) => {
    const position = whole(options.session, '--session', 1, 20) ?? 1;
    const tableSize = whole(options.tableSize, '--table-size', 2, 50);
    const seed = whole(options.seed, '--seed', 0, 2 ** 31 - 1);
    return onEvent(ref, async (events, event, _config, db) => {
      const session = (await events.programme(event.id)).filter((candidate) => candidate.kind === 'world_cafe')[position - 1];
      if (!session) throw new ExitError(EXIT.failure, [`${eventLabel(event)} has no World Café number ${position} in its programme.`]);
      const roster = (await events.roster(event.id)).filter((entry) => entry.participantId !== null && entry.name !== null);
      const named = (options.hosts ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      const unknown = named.filter((name) => !roster.some((entry) => nameKey(entry.name ?? '') === nameKey(name)));
      if (unknown.length) throw new ExitError(EXIT.badConfig, [...unknown.map((name) => `--hosts: no registered participant is called "${name}"`), USAGE]);
      const hosts = named.flatMap((name) => roster.filter((entry) => nameKey(entry.name ?? '') === nameKey(name)).flatMap((entry) => (entry.participantId ? [entry.participantId] : [])));
      const store = createEventCafeRepository(db.prisma);
      const planning = createCafePlanning({ store, events: createEventStore(db.prisma), clock: systemClock });
      const planned = await planning.plan(event.id, session.id, { ...(named.length ? { hosts } : {}), ...(tableSize ? { tableSize } : {}), ...(seed !== undefined ? { seed } : {}) });
      if (planned.kind === 'refused') throw new ExitError(EXIT.failure, [`The tables of ${eventLabel(event)} cannot be planned: ${PLAN_REFUSALS[planned.reason] ?? planned.reason}.`]);
      const nameOf = new Map(roster.map((entry) => [entry.participantId, entry.name]));
      const seats = (await store.seats(session.id)).filter((seat) => seat.round >= planned.fromRound);
      const rounds = [...new Set(seats.map((seat) => seat.round))].map((round) => ({
        round,
        tables: [...new Set(seats.filter((seat) => seat.round === round).map((seat) => seat.table))].map((table) => {
          const at = seats.filter((seat) => seat.round === round && seat.table === table).sort((a, b) => Number(b.host) - Number(a.host));
          return { table, host: nameOf.get(at[0]?.participantId ?? '') ?? null, members: at.map((seat) => nameOf.get(seat.participantId) ?? null) };
        }),
      }));
      if (options.json) return console.log(JSON.stringify({ fromRound: planned.fromRound, people: planned.people, rounds }, null, 2));
      console.log(`${eventLabel(event)}: ${planned.people} people at ${planned.tables} tables, rounds ${planned.fromRound} to ${session.kind === 'world_cafe' ? session.rounds : ''}.`);
      for (const { round, tables } of rounds) {
        console.log(`Round ${round}`);
        for (const { table, members } of tables) console.log(`  Table ${table}: ${members.map((name, index) => (index === 0 ? `${name} (host)` : name)).join(', ')}`);
      }
    });
  });
