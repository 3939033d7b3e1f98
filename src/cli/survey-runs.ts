import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { surveyRunsOver } from '../compose-surveys.js';
import type { Config } from '../config.js';
import { formatProblems } from '../flows/catalog.js';
import { loadAreaFlows } from '../flow-actions.js';
import { readLocales } from '../i18n/index.js';
import { systemClock } from '../shared/clock.js';
import { createIdentityProtector } from '../shared/crypto.js';
import type { Database } from '../storage/database.js';
import { createEventStore } from '../storage/event-repository.js';
import { isBotUsername, joinQr, qrFormatOf } from '../events/index.js';
import { flowNamespace } from '../flows/schema.js';
import { createI18n } from '../i18n/index.js';
import { readTime } from '../shared/zone.js';
import { MAX_REMIND_AFTER_MINUTES, RUN_START_PREFIX, runLink, type RunProblem, type RunSummary, type SurveyRun } from '../surveys/index.js';
import { botUsername } from './bot-username.js';
import { withDatabase } from './database.js';
import { EXIT, ExitError } from './environment.js';
import { eventsOn } from './events-context.js';

const USAGE = {
  open: 'usage: ura surveys runs open --form <flow id> [--event <id or join code>] [--closes <YYYY-MM-DDTHH:MM>] [--remind-after <minutes> | --no-reminder]',
  qr: 'usage: ura surveys runs qr <run id> --out <file.png|file.svg> [--bot <username>]',
};

/** The organisers' use-cases of runs over the database (a form with a problem stops the command, listing every problem). */
function composeSurveyRunsOnly(db: Database, config: Config) {
  const { catalog, problems } = loadAreaFlows(undefined, readLocales());
  if (problems.length > 0) throw new ExitError(EXIT.failure, formatProblems(problems, 'the flows'));
  const identity = createIdentityProtector(config.secrets);
  return { runs: surveyRunsOver({ prisma: db.prisma, catalog, events: eventsOn(db, config), eventStore: createEventStore(db.prisma), identity, i18n: createI18n(), clock: systemClock }) };
}

/** A run's problem as the command line says it, naming its options. */
export function runProblemText(problem: RunProblem): string {
  switch (problem.code) {
    case 'unknown_form':
      return `--form "${problem.form}" is no loaded flow; \`ura flows list\` shows them`;
    case 'not_survey':
      return `--form "${problem.form}" is a ${problem.kind} flow, not a survey`;
    case 'button_too_long':
      return `the form's button "${problem.button}" is longer than the ${problem.room} bytes a run's button leaves for it; shorten its step id or code`;
    case 'unknown_event':
      return `--event "${problem.event}": no event has that id or join code`;
    case 'closes_passed':
      return `--closes ${problem.at.toISOString()} has passed already`;
    case 'closes_before_slot':
      return `--closes ${problem.at.toISOString()} comes before the evaluation slot (${problem.slot.toISOString()})`;
    case 'remind_range':
      return `the reminder must come 1 to ${problem.max} whole minutes after sending, not ${problem.minutes}`;
    case 'remind_needs_event':
      return 'a reminder goes only to the participants of an event: give --event, or no reminder';
  }
}

const english = () => createI18n();
const formTitle = (run: SurveyRun) => english().forLanguage('en', flowNamespace(run.flowId))('title');

function runLine({ run, open, counts }: RunSummary): string {
  const status = open ? 'open' : `closed ${run.closedAt?.toISOString() ?? run.closesAt?.toISOString() ?? ''}`.trim();
  const sending = run.sentAt ? `sent ${run.sentAt.toISOString()}` : run.sendAt ? `sends ${run.sendAt.toISOString()}` : 'link only';
  return `${run.id}  ${RUN_START_PREFIX}${run.code ?? ''}  ${run.flowId}@${run.flowVersion}  ${run.kind}${run.scope ? ` ${run.scope}` : ''}  ${status}  ${sending}  invited ${counts.invited}, started ${counts.started}, completed ${counts.completed}`;
}

/** `ura surveys runs`: open, list, close a survey run, and its QR code. */
export const runsCommand = new Command('runs').description(
  "survey runs answered in the chat: an event's evaluation sent at its programme's evaluation slot, or a standalone run opened by its link or QR code",
);

runsCommand
  .command('open')
  .description("open a run of a survey form: with --event, the event's checked-in participants receive it at the programme's evaluation slot")
  .option('--form <flow id>', 'the survey flow, e.g. surveys/event-evaluation (required)')
  .option('--event <id>', 'the event (id or join code); without it the run is standalone, reached by its link or QR code')
  .option('--closes <time>', 'when it stops taking answers: YYYY-MM-DDTHH:MM in APP_TIMEZONE, or with an offset')
  .option('--remind-after <minutes>', `minutes after sending for the one reminder to those who have not finished (default 120; 1 to ${MAX_REMIND_AFTER_MINUTES})`)
  .option('--no-reminder', 'send no reminder')
  .action((options: { form?: string; event?: string; closes?: string; remindAfter?: string; reminder: boolean }) =>
    withDatabase(async (db, config) => {
      if (!options.form) throw new ExitError(EXIT.badConfig, ['--form is required', USAGE.open]);
      const closesAt = options.closes === undefined ? undefined : readTime(options.closes, config.timezone);
      if (options.closes !== undefined && !closesAt) throw new ExitError(EXIT.badConfig, [`--closes "${options.closes}" is not a time such as 2026-11-20T18:00`, USAGE.open]);
      const minutes = options.remindAfter?.trim();
      if (minutes !== undefined && !/^\d+$/.test(minutes)) throw new ExitError(EXIT.badConfig, [`--remind-after must be a whole number of minutes, not "${options.remindAfter}"`, USAGE.open]);
      if (minutes !== undefined && !options.reminder) throw new ExitError(EXIT.badConfig, ['give --remind-after or --no-reminder, not both', USAGE.open]);
      const { runs } = composeSurveyRunsOnly(db, config);
      const opened = await runs.open({
        flowId: options.form,
        ...(options.event !== undefined ? { event: options.event } : {}),
        ...(closesAt ? { closesAt } : {}),
        ...(options.reminder ? (minutes !== undefined ? { remindAfter: Number(minutes) } : {}) : { remindAfter: null }),
      });
      if (opened.kind === 'invalid') throw new ExitError(EXIT.badConfig, [...opened.problems.map(runProblemText), USAGE.open]);
      const { run } = opened;
      console.log(`Opened run ${run.id} of ${run.flowId}@${run.flowVersion} (${formTitle(run)}); its link opens with /start ${RUN_START_PREFIX}${run.code}.`);
      if (opened.eventName) {
        console.log(
          run.sendAt
            ? `The checked-in participants of ${opened.eventName} receive it at ${run.sendAt.toISOString()} (the programme's evaluation slot)${run.remindAfter ? `, and a reminder ${run.remindAfter} minutes later if they have not finished` : ''}.`
            : `${opened.eventName} has no evaluation session in its programme: participants open it by its link or QR code (ura surveys runs qr ${run.id}).`,
        );
      }
      if (run.closesAt) console.log(`It closes at ${run.closesAt.toISOString()}.`);
    }),
  );

runsCommand
  .command('list')
  .description('the runs with how many received or opened it, began it and finished it (counts only: never who)')
  .option('--event <id>', 'only the runs of this event (id or join code)')
  .option('--json', 'print them as JSON')
  .action((options: { event?: string; json?: boolean }) =>
    withDatabase(async (db, config) => {
      const summaries = await composeSurveyRunsOnly(db, config).runs.list(options.event);
      if (!summaries) throw new ExitError(EXIT.failure, [`No event has the id or join code "${options.event}". \`ura events list\` shows them.`]);
      if (options.json)
        return console.log(
          JSON.stringify(
            summaries.map(({ run, open, counts }) => ({ ...run, open, counts })),
            null,
            2,
          ),
        );
      if (summaries.length === 0) return console.log('No survey runs.');
      for (const summary of summaries) console.log(runLine(summary));
    }),
  );

runsCommand
  .command('close')
  .description('close a run now: it takes no more answers, and responses in progress are kept unfinished with their answers')
  .argument('<run id>')
  .action((id: string) =>
    withDatabase(async (db, config) => {
      const closed = await composeSurveyRunsOnly(db, config).runs.close(id.trim());
      if (closed === 'not_found') throw new ExitError(EXIT.failure, [`No survey run has the id "${id}". \`ura surveys runs list\` shows them.`]);
      console.log(closed === 'closed' ? `Closed run ${id}.` : `Run ${id} was closed already.`);
    }),
  );

runsCommand
  .command('qr')
  .description("write the QR code of the run's link, for a poster, a handout or the projector")
  .argument('<run id>')
  .option('--out <file>', 'where to write it: a .png or .svg file (required)')
  .option('--bot <username>', "the bot's username (default: asked of Telegram with TELEGRAM_BOT_TOKEN)")
  .action((id: string, options: { out?: string; bot?: string }) => {
    const format = options.out ? qrFormatOf(options.out) : undefined;
    if (!options.out || !format) throw new ExitError(EXIT.badConfig, [options.out ? `--out must end in .png or .svg, not "${options.out}"` : '--out is required', USAGE.qr]);
    if (options.bot !== undefined && !isBotUsername(options.bot))
      throw new ExitError(EXIT.badConfig, [`--bot "${options.bot}" is not a Telegram bot username (5 to 32 letters, digits and _)`, USAGE.qr]);
    const out = resolve(options.out);
    return withDatabase(async (db, config) => {
      const run = await composeSurveyRunsOnly(db, config).runs.get(id.trim());
      if (!run?.code) throw new ExitError(EXIT.failure, [`No survey run has the id "${id}". \`ura surveys runs list\` shows them.`]);
      const bot = options.bot ?? (await botUsername(config.telegram));
      if (typeof bot !== 'string' && 'reason' in bot) throw new ExitError(EXIT.badConfig, [bot.reason, "Pass the bot's username with --bot <username>.", USAGE.qr]);
      const link = runLink(typeof bot === 'string' ? bot : bot.username, run.code);
      writeFileSync(out, await joinQr(link, format));
      console.log(`Wrote ${out}: the QR code of ${link} (run ${run.id}).`);
    });
  });
