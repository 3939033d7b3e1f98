import { Command } from 'commander';
import { composeDelivery } from '../compose-handoff.js';
import type { Config } from '../config.js';
import {
  createParticipation,
  type EventRecord,
  eventName,
  type Events,
  GROUP_ATTRIBUTES,
  type GroupWork,
  type Participation,
  POLL_KINDS,
  type PollResult,
  ratingMean,
  shareOf,
  textAt,
} from '../events/index.js';
import { createI18n, readLocales } from '../i18n/index.js';
import { systemClock } from '../shared/clock.js';
import { createIdentityProtector } from '../shared/crypto.js';
import type { Database } from '../storage/database.js';
import { createEventStore } from '../storage/event-repository.js';
import { createParticipationStore } from '../storage/event-participation-repository.js';
import { createOperatorRepository } from '../storage/operator-repository.js';
import { participationWriter, VOTING_NAMESPACE } from '../transport/telegram/events-vote-views.js';
import { commandLogger, EXIT, ExitError } from './environment.js';
import { onEvent } from './events-context.js';
import { eventLabel } from './events-output.js';

// Polls, group work and Open Space from the command line, for the event's facilitators.
// What these commands send (a poll's question, a group's actions) waits in the outbox
// and goes out at the running Ura's next tick.

/** The participation use-cases over a command's database, with the outbox Ura's tick drains. */
function participationOn(events: Events, db: Database, config: Config): Participation {
  const locales = readLocales();
  const identity = createIdentityProtector(config.secrets);
  const i18n = createI18n(locales);
  const { outbox } = composeDelivery({ prisma: db.prisma, sql: db.sql, identity, call: undefined, clock: systemClock, logger: commandLogger(config) });
  const participation = createParticipation({
    events,
    people: createEventStore(db.prisma),
    store: createParticipationStore(db.prisma),
    staff: createOperatorRepository(db.prisma),
    identity,
    outbox,
    write: participationWriter(i18n),
    label: (language, key) => textAt(locales[language]?.[VOTING_NAMESPACE], key),
    clock: systemClock,
    languages: i18n.languages,
  });
  outbox.register(participation.deliveryRules);
  return participation;
}

const withParticipation = <T>(ref: string, work: (participation: Participation, event: EventRecord) => Promise<T>) =>
  onEvent(ref, (events, event, config, db) => work(participationOn(events, db, config), event));

const wholeNumber = (value: string | undefined, flag: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new ExitError(EXIT.badConfig, [`${flag} must be a whole number, not "${value}"`]);
  return Number(value);
};

const percent = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)}%`);
const english = (texts: Readonly<Record<string, string>>) => texts.en ?? Object.values(texts)[0] ?? '';

function pollLines(result: PollResult): string[] {
  const mean = result.kind === 'rating' ? ratingMean(result) : null;
  return [
    `${result.id}  ${result.kind}  ${result.status}  ${english(result.question)}`,
    `  ${result.voters} of ${result.checkedIn} checked-in participants voted (${percent(shareOf(result.voters, result.checkedIn))})`,
    ...result.options.map((option) => `  ${english(option.label)}: ${option.count} (${percent(shareOf(option.count, result.checkedIn))})`),
    ...(mean !== null ? [`  mean ${mean.toFixed(2)}`] : []),
  ];
}

async function pollOf(participation: Participation, event: EventRecord, ref: string) {
  const poll = await participation.polls.find(event.id, ref);
  if (!poll) throw new ExitError(EXIT.failure, [`No poll of ${eventLabel(event)} has the id "${ref}". \`ura events poll list ${event.joinCode}\` shows them.`]);
  return poll;
}

async function groupWorkOf(participation: Participation, event: EventRecord): Promise<GroupWork> {
  const work = await participation.groups.current(event.id);
  if (!work) throw new ExitError(EXIT.failure, [`Group work has not started in ${eventLabel(event)}: \`ura events groups start ${event.joinCode}\`.`]);
  return work;
}

export const pollCommand = new Command('poll').description('live polls: a rating (1 to 5), yes/no or a single choice, opened to the checked-in participants');

pollCommand
  .command('create')
  .description('make a poll (not yet open): its question in Albanian (and English), and for a single choice its options')
  .argument('<event>', 'the event id or join code')
  .option('--kind <kind>', `${POLL_KINDS.join(', ')} (required)`)
  .option('--question <text>', 'the question in Albanian (required)')
  .option('--question-en <text>', 'the question in English')
  .option('--option <text...>', 'a single choice: each option, in the order shown')
  .action((ref: string, options: { kind?: string; question?: string; questionEn?: string; option?: string[] }) =>
    withParticipation(ref, async (participation, event) => {
      const kind = POLL_KINDS.find((candidate) => candidate === options.kind);
      if (!kind || !options.question) throw new ExitError(EXIT.badConfig, [`--kind (${POLL_KINDS.join(', ')}) and --question are required`]);
      const question = { sq: options.question, ...(options.questionEn ? { en: options.questionEn } : {}) };
      if (kind === 'single' && (options.option?.length ?? 0) < 2) throw new ExitError(EXIT.badConfig, ['a single choice needs at least two options: --option <text> <text>...']);
      // An option is written once, in the languages of the question.
      const choices = (options.option ?? []).map((option) => Object.fromEntries(Object.keys(question).map((language) => [language, option])));
      const made = await participation.polls.create(event, kind === 'single' ? { kind, question, options: choices } : { kind, question });
      if (made.kind === 'invalid')
        throw new ExitError(
          EXIT.badConfig,
          made.problems.map((problem) => `${problem.field || 'poll'}: ${problem.message}`),
        );
      console.log(`Poll ${made.poll.id} made for ${eventLabel(event)}; open it with \`ura events poll open ${event.joinCode} ${made.poll.id.slice(0, 8)}\` or from /polls in the bot.`);
    }),
  );

pollCommand
  .command('open')
  .description('open a poll: its question goes to every checked-in participant')
  .argument('<event>', 'the event id or join code')
  .argument('<poll>', 'the poll id (its first 8 characters are enough)')
  .action((ref: string, pollRef: string) =>
    withParticipation(ref, async (participation, event) => {
      const change = await participation.polls.open(event, await pollOf(participation, event, pollRef));
      if (change.kind !== 'opened') throw new ExitError(EXIT.failure, [`The poll is ${change.poll.status} already: a poll opens once.`]);
      console.log(`Poll open: its question waits in the outbox for ${change.sent} checked-in participant(s) and goes out at Ura's next tick.`);
    }),
  );

pollCommand
  .command('close')
  .description('close a poll: votes can no longer be given or changed')
  .argument('<event>', 'the event id or join code')
  .argument('<poll>', 'the poll id (its first 8 characters are enough)')
  .action((ref: string, pollRef: string) =>
    withParticipation(ref, async (participation, event) => {
      const change = await participation.polls.close(await pollOf(participation, event, pollRef));
      if (change.kind !== 'closed') throw new ExitError(EXIT.failure, [`The poll is ${change.poll.status}: only an open poll closes.`]);
      console.log('Poll closed.');
    }),
  );

pollCommand
  .command('list')
  .description("the event's polls with their counts")
  .argument('<event>', 'the event id or join code')
  .action((ref: string) =>
    withParticipation(ref, async (participation, event) => {
      const polls = await participation.polls.list(event.id);
      const results = await participation.polls.results(event);
      if (polls.length === 0) return console.log(`No polls in ${eventLabel(event)} yet.`);
      for (const poll of polls) {
        const result = results.find((candidate) => candidate.id === poll.id);
        console.log(result ? pollLines(result).join('\n') : `${poll.id}  ${poll.kind}  not open yet  ${english(poll.question)}`);
      }
    }),
  );

export const votesCommand = new Command('votes')
  .description("the results: every poll's counts, and each group's actions with their dots (the chosen ones marked *)")
  .argument('<event>', 'the event id or join code')
  .option('--json', 'print them as JSON')
  .action((ref: string, options: { json?: boolean }) =>
    withParticipation(ref, async (participation, event) => {
      const board = await participation.pollBoard(event.id);
      if (options.json) return console.log(JSON.stringify(board, null, 2));
      console.log(`Results of ${eventName(event, 'en')} (${event.joinCode})`);
      for (const poll of board.polls) console.log(pollLines({ ...poll }).join('\n'));
      for (const group of board.groups) {
        console.log(`Group ${group.values.join(' + ')}: ${group.voters} voted`);
        for (const action of group.actions) console.log(`  ${action.chosen ? '*' : ' '} ${String(action.dots).padStart(3)}  ${action.text}`);
      }
      if (board.polls.length === 0 && board.groups.length === 0) console.log('No poll has been opened and no group has written an action yet.');
    }),
  );

export const groupsCommand = new Command('groups').description('group work: groups by county or organisation type write actions, then place dots on them');

groupsCommand
  .command('start')
  .description('start group work: each checked-in participant is told their group')
  .argument('<event>', 'the event id or join code')
  .option('--by <attribute>', `${GROUP_ATTRIBUTES.join(' or ')} (default: the programme's group work, else region)`)
  .option('--dots <n>', 'the dots each participant places (default 5)')
  .action((ref: string, options: { by?: string; dots?: string }) =>
    withParticipation(ref, async (participation, event) => {
      const by = options.by === undefined ? undefined : GROUP_ATTRIBUTES.find((attribute) => attribute === options.by);
      if (options.by !== undefined && !by) throw new ExitError(EXIT.badConfig, [`--by must be ${GROUP_ATTRIBUTES.join(' or ')}`]);
      const dots = wholeNumber(options.dots, '--dots');
      const started = await participation.groups.start(event, { ...(by ? { groupBy: by } : {}), ...(dots !== undefined ? { dots } : {}) });
      if (started.kind === 'invalid') throw new ExitError(EXIT.badConfig, [started.problem]);
      if (started.kind === 'in_progress') throw new ExitError(EXIT.failure, [`Group work of ${eventLabel(event)} is ${started.work.status} already: close it first.`]);
      console.log(`Group work started (by ${started.work.groupBy}, ${started.work.dots} dots each): ${started.sent} participant(s) will be told their group.`);
    }),
  );

groupsCommand
  .command('merge')
  .description('put counties (or organisation types) in one group, while actions are written')
  .argument('<event>', 'the event id or join code')
  .argument('<values...>', 'two or more values, e.g. diber kukes')
  .action((ref: string, values: string[]) =>
    withParticipation(ref, async (participation, event) => {
      if (values.length < 2) throw new ExitError(EXIT.badConfig, ['name at least two values to merge']);
      if (!(await participation.groups.merge(await groupWorkOf(participation, event), values))) throw new ExitError(EXIT.failure, ['Groups merge only while actions are written.']);
      console.log(`${values.join(' + ')} form one group.`);
    }),
  );

for (const [name, description] of [
  ['vote', 'open the dot vote: each checked-in participant is sent their group’s actions'],
  ['close', 'close the dot vote'],
] as const) {
  groupsCommand
    .command(name)
    .description(description)
    .argument('<event>', 'the event id or join code')
    .action((ref: string) =>
      withParticipation(ref, async (participation, event) => {
        const work = await groupWorkOf(participation, event);
        const moved = name === 'vote' ? await participation.groups.openVote(event, work) : await participation.groups.close(work);
        if (moved.kind === 'unchanged') throw new ExitError(EXIT.failure, [`Group work is ${moved.work.status}: nothing to ${name}.`]);
        console.log(name === 'vote' ? `The dot vote is open: ${moved.sent} participant(s) will be sent their group's actions.` : 'The dot vote is closed.');
      }),
    );
}

groupsCommand
  .command('action')
  .description('add an action for a group, as written on paper or said aloud')
  .argument('<event>', 'the event id or join code')
  .argument('<group>', 'the group: a county or organisation type, e.g. fier')
  .argument('<text>', 'the action')
  .action((ref: string, group: string, text: string) =>
    withParticipation(ref, async (participation, event) => {
      const added = await participation.groups.addAction(await groupWorkOf(participation, event), group, text);
      if (added === 'bad_text') throw new ExitError(EXIT.badConfig, ['an action has 1 to 400 characters']);
      if (added === 'not_collecting') throw new ExitError(EXIT.failure, ['Actions are added only while groups write them.']);
      console.log(`Action ${added.id} added to ${added.groupKey}.`);
    }),
  );

export const topicsCommand = new Command('topics').description('Open Space topics: participants join one per time slot');

topicsCommand
  .command('add')
  .description("add a topic, e.g. merged from groups' chosen actions")
  .argument('<event>', 'the event id or join code')
  .requiredOption('--title <text>', "the topic's title")
  .option('--slot <n>', 'the time slot (default 1)')
  .option('--capacity <n>', 'at most this many people (default: no limit)')
  .option('--from-actions <ids>', 'the group actions it merges, comma-separated ids')
  .action((ref: string, options: { title: string; slot?: string; capacity?: string; fromActions?: string }) =>
    withParticipation(ref, async (participation, event) => {
      const slot = wholeNumber(options.slot, '--slot');
      const capacity = wholeNumber(options.capacity, '--capacity');
      const actionIds =
        options.fromActions
          ?.split(',')
          .map((id) => id.trim())
          .filter(Boolean) ?? [];
      const topic = await participation.openSpace.addTopic(
        event,
        { title: options.title, ...(slot !== undefined ? { slot } : {}), capacity: capacity ?? null, actionIds },
        actionIds.length > 0 ? 'actions' : 'facilitator',
      );
      if ('problem' in topic) throw new ExitError(EXIT.badConfig, [topic.problem]);
      console.log(`Topic ${topic.id} added to slot ${topic.slot}${topic.capacity === null ? '' : ` (at most ${topic.capacity})`}.`);
    }),
  );

topicsCommand
  .command('list')
  .description('every topic with its members and its report (a topic without a report is said so)')
  .argument('<event>', 'the event id or join code')
  .option('--json', 'print them as JSON')
  .action((ref: string, options: { json?: boolean }) =>
    withParticipation(ref, async (participation, event) => {
      const board = await participation.openSpace.board(event.id);
      if (options.json)
        return console.log(
          JSON.stringify(
            board.map(({ topic, members, report }) => ({ ...topic, members, report: report ?? null })),
            null,
            2,
          ),
        );
      if (board.length === 0) return console.log(`No topics in ${eventLabel(event)} yet.`);
      for (const { topic, members, report } of board) {
        console.log(`slot ${topic.slot}  ${topic.title} (${members} member(s)${topic.capacity === null ? '' : ` of ${topic.capacity}`})`);
        console.log(report ? `  why: ${report.why}\n  why it matters: ${report.importance}\n  what we can do: ${report.nextSteps}` : '  no report yet');
      }
    }),
  );
