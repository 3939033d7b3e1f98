import { Command, CommanderError } from 'commander';
import { formatShift, isOnCall, parseShifts, shiftsByOperator, type Shift } from '../helpline/handoff/rota.js';
import { caseTakers, takesCases, type Operator, type OperatorStore } from '../staff/operators.js';
import { systemClock } from '../shared/clock.js';
import { createDutyRepository, createOperatorRepository } from '../storage/operator-repository.js';
import { createShiftRepository } from '../storage/shift-repository.js';
import { withDatabase } from './database.js';
import { EXIT, ExitError } from './environment.js';
import { displayName } from './operators.js';

const SET_USAGE = 'usage: ura oncall set <operator id or Telegram id> <days HH:MM-HH:MM>... | --none   e.g. mon-fri 08:00-16:00 sat 22:00-06:00';

const week = (shifts: readonly Pick<Shift, 'weekday' | 'start' | 'end'>[]) => (shifts.length ? shifts.map((shift) => `  ${formatShift(shift)}`) : ['  no shifts']);

/**
 * Shifts may come quoted (`"mon-fri 08:00-16:00"`) or as separate words
 * (`mon-fri 08:00-16:00 sat 22:00-06:00`): each shift ends at the word with the times.
 */
function specsOf(words: string[]): string[] {
  const specs: string[] = [];
  let pending: string[] = [];
  for (const word of words.flatMap((arg) => arg.split(/\s+/)).filter(Boolean)) {
    pending.push(word);
    if (/\d/.test(word)) {
      specs.push(pending.join(' '));
      pending = [];
    }
  }
  if (pending.length > 0) specs.push(pending.join(' '));
  return specs;
}

async function findOperator(operators: OperatorStore, ref: string): Promise<Operator> {
  const operator = await operators.find(ref);
  if (!operator) throw new ExitError(EXIT.failure, [`No operator has the id ${ref}.`]);
  if (!takesCases(operator)) throw new ExitError(EXIT.failure, [`${ref} is an ${operator.role}, who takes no cases and so has no shifts.`]);
  return operator;
}

export const oncallCommand = new Command('oncall').description('the weekly on-call rota (times in APP_TIMEZONE)');

/** Commander's own complaints (a missing operator, an unknown option) are wrong arguments too: exit 2, with the usage line. */
const wrongArgumentsExit = (error: CommanderError) => {
  throw error.exitCode === EXIT.failure ? new CommanderError(EXIT.badConfig, error.code, error.message) : error;
};

oncallCommand
  .command('set')
  .showHelpAfterError(SET_USAGE)
  .exitOverride(wrongArgumentsExit)
  .description("replace an operator's weekly shifts, e.g. mon-fri 08:00-16:00 sat 22:00-06:00 (overnight) sun 00:00-24:00")
  .argument('<operator>', 'operator id or Telegram id')
  .argument('[shifts...]', 'weekdays (mon..sun, mon-fri, mon,wed,fri) and a time range HH:MM-HH:MM')
  .option('--none', 'clear all of their shifts')
  .action((ref: string, words: string[], options: { none?: boolean }) => {
    const specs = specsOf(words);
    if (options.none && specs.length > 0) throw new ExitError(EXIT.badConfig, ['Give either shifts or --none, not both.', SET_USAGE]);
    if (!options.none && specs.length === 0) throw new ExitError(EXIT.badConfig, ['No shifts given (use --none to clear them).', SET_USAGE]);
    const parsed = parseShifts(specs);
    if ('problems' in parsed) throw new ExitError(EXIT.badConfig, [...parsed.problems, SET_USAGE]);
    return withDatabase(async (db, config) => {
      const operator = await findOperator(createOperatorRepository(db.prisma), ref);
      const shifts = createShiftRepository(db.prisma);
      await shifts.replaceFor(operator.id, parsed.shifts);
      const stored = await shifts.forOperator(operator.id);
      console.log([`Shifts of ${displayName(operator)} (telegram ${operator.telegramId}), times in ${config.timezone}:`, ...week(stored)].join('\n'));
    });
  });

oncallCommand
  .command('show')
  .description("show every operator's shifts and whether they are on call now")
  .option('--json', 'print it as JSON')
  .action((options: { json?: boolean }) =>
    withDatabase(async (db, config) => {
      const now = systemClock.now();
      const operators = await caseTakers(createDutyRepository(db.prisma, db.sql)).onDuty();
      const byOperator = shiftsByOperator(await createShiftRepository(db.prisma).all());
      const rota = operators.map((operator) => {
        const own = (byOperator.get(operator.id) ?? []).map(({ weekday, start, end }) => ({ weekday, start, end }));
        return { operator, shifts: own, presence: operator.presence, onCall: isOnCall(operator, own, now, config.timezone) };
      });
      if (options.json) {
        const operatorsJson = rota.map(({ operator, ...entry }) => ({ id: operator.id, telegramId: operator.telegramId, pseudonym: operator.pseudonym, role: operator.role, ...entry }));
        console.log(JSON.stringify({ timeZone: config.timezone, now: now.toISOString(), operators: operatorsJson }, null, 2));
        return;
      }
      const localNow = new Intl.DateTimeFormat('en-GB', { timeZone: config.timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
      const lines = [`On-call rota, times in ${config.timezone} (now ${localNow}):`];
      if (rota.length === 0) lines.push('No operators are registered.');
      for (const entry of rota) {
        lines.push(`${displayName(entry.operator)}  ${entry.operator.role}  telegram ${entry.operator.telegramId}  ${entry.onCall ? 'ON CALL now' : 'not on call now'}`);
        lines.push(...week(entry.shifts));
        if (entry.presence) lines.push(`  presence: ${entry.presence} (set by the operator; it overrides the shifts)`);
      }
      console.log(lines.join('\n'));
    }),
  );
