import { Command, Option } from 'commander';
import { DEFAULT_SEED, planSeating, readSeatingList, SEATING_COLUMNS, SeatingError, type SeatingPair, type SeatingPlan, type TableFile } from '../events/index.js';
import { toCsv } from '../reports/index.js';
import { EXIT, ExitError } from './environment.js';
import { readTableFile } from './table-file.js';
import { expectedText, problemText } from './events-output.js';

// `ura seating`: a World Café seating plan from a list of people, without a database.
// English, as every `ura` command.

const USAGE = 'usage: ura seating --participants <file.csv> --table-size <n> --rounds <r> [--seed <s>] [--tables <n>] [--apart <id>,<id>]... [--format json|csv]';
const FORMATS = ['json', 'csv'] as const;
const wholeNumber = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new ExitError(EXIT.badConfig, [`${flag} must be a whole number, not "${value}"`, USAGE]);
  return Number(value);
};

const readList = (path: string): TableFile => readTableFile(path, '--participants', USAGE);

const pairOf = (value: string): SeatingPair => {
  const ids = value.split(',').map((id) => id.trim());
  if (ids.length !== 2 || !ids[0] || !ids[1]) throw new ExitError(EXIT.badConfig, [`--apart takes two ids separated by a comma, not "${value}"`, USAGE]);
  return [ids[0], ids[1]];
};

/** One row per person and round: where they sit, and whether they host that table. */
function planCsv(plan: SeatingPlan, names: ReadonlyMap<string, string>): string {
  const rows = plan.rounds.flatMap((round) => round.tables.flatMap((table) => table.members.map((id) => [round.round, table.table, id, names.get(id) ?? '', id === table.host ? 'true' : 'false'])));
  return toCsv([['round', 'table', 'id', 'name', 'host'], ...rows]);
}

const metricsLine = (plan: SeatingPlan): string => {
  const { repeatedPairs, maxMeetings, uniqueContacts, returns, forbiddenTogether, orgTypeSpread } = plan.metrics;
  return `repeated pairs ${repeatedPairs}, most meetings of a pair ${maxMeetings}, different people met per person: min ${uniqueContacts.min}, mean ${uniqueContacts.mean}; travellers back at a table ${returns}; pairs kept apart seated together ${forbiddenTogether}; organisation types per table: min ${orgTypeSpread.min}, mean ${orgTypeSpread.mean}`;
};

export const seatingCommand = new Command('seating')
  .description(
    `plan World Café seating: hosts stay at their tables, travellers move and never come back to a table, as few repeated meetings as can be, organisation types and regions spread; the list has the columns ${SEATING_COLUMNS.join(', ')}`,
  )
  .option('--participants <file>', 'the people, .csv (UTF-8) or .xlsx, columns id, name, org_type, region, host (true or false) (required)')
  .option('--table-size <n>', 'the most people at a table, the host included (required)')
  .option('--rounds <r>', 'how many rounds (required)')
  .option('--seed <s>', `the same seed gives the same plan (default ${DEFAULT_SEED})`)
  .option('--tables <n>', 'how many tables the room has (default: as few as seat everyone)')
  .addOption(
    new Option('--apart <id,id>', 'two people who must not sit at one table; may be given several times')
      .argParser((value: string, pairs: SeatingPair[]) => [...pairs, pairOf(value)])
      .default([], 'none'),
  )
  .option('--format <format>', 'json (the plan and its metrics) or csv (one row per person and round; the metrics on stderr)', 'json')
  .action(async (options: { participants?: string; tableSize?: string; rounds?: string; seed?: string; tables?: string; apart: SeatingPair[]; format: string }) => {
    const missing = [!options.participants && '--participants is required', !options.tableSize && '--table-size is required', !options.rounds && '--rounds is required'].filter(
      (line): line is string => typeof line === 'string',
    );
    if (missing.length) throw new ExitError(EXIT.badConfig, [...missing, USAGE]);
    const format = FORMATS.find((known) => known === options.format);
    if (!format) throw new ExitError(EXIT.badConfig, [`--format must be json or csv, not "${options.format}"`, USAGE]);
    const tableSize = wholeNumber(options.tableSize, '--table-size') ?? 0;
    const rounds = wholeNumber(options.rounds, '--rounds') ?? 0;
    const seed = wholeNumber(options.seed, '--seed');
    const tables = wholeNumber(options.tables, '--tables');
    const path = options.participants ?? '';
    const list = await readSeatingList(readList(path));
    if (list.kind === 'unreadable') throw new ExitError(EXIT.badConfig, [`No plan: ${path}: ${expectedText(list.problem)}.`]);
    if (list.kind === 'invalid') throw new ExitError(EXIT.badConfig, [`No plan: ${list.problems.length} problem(s) in ${path}:`, ...list.problems.map((problem) => `  ${problemText(problem)}`)]);
    let plan: SeatingPlan;
    try {
      plan = planSeating({ people: list.people, tableSize, rounds, ...(seed !== undefined ? { seed } : {}), ...(tables !== undefined ? { tables } : {}), forbiddenPairs: options.apart });
    } catch (error) {
      if (error instanceof SeatingError) throw new ExitError(EXIT.badConfig, ['No plan: this seating cannot be done:', ...error.refusals.map((refusal) => `  ${refusal.message}`)]);
      throw error;
    }
    if (list.ignoredColumns.length) console.error(`Ignored columns: ${list.ignoredColumns.join(', ')}.`);
    if (format === 'csv') {
      process.stdout.write(planCsv(plan, new Map(list.people.map((person) => [person.id, person.name]))));
      console.error(metricsLine(plan));
    } else {
      console.log(JSON.stringify(plan, null, 2));
    }
  });
