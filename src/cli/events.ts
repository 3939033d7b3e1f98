import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { isBotUsername, joinLink, joinQr, loadTemplates, PROFILE_DIMENSIONS, type ProfileDimension, profileTable, qrFormatOf, type TableFile } from '../events/index.js';
import { formatProblems } from '../flows/catalog.js';
import { renderReportText, renderTableCsv } from '../reports/index.js';
import { botUsername } from './bot-username.js';
import { withDatabase } from './database.js';
import { EXIT, ExitError } from './environment.js';
import { readTableFile } from './table-file.js';
import { eventsOn, onEvent } from './events-context.js';
import { attendanceLines, eventLabel, eventLine, expectedText, inviteLines, refusalLines } from './events-output.js';
import { organisersCommand } from './events-organisers.js';
import { groupsCommand, pollCommand, topicsCommand, votesCommand } from './events-participation.js';
import { themesCommand } from './events-themes.js';
import { cafeCommand } from './events-cafe.js';

const FORMATS = ['table', 'json', 'csv'] as const;

const USAGE = {
  create: 'usage: ura events create --name <text> [--name-en <text>] --starts YYYY-MM-DD [--days <n>] [--template <id>] [--venue <text>] [--timezone <zone>] [--languages sq,en] [--json]',
  invites: 'usage: ura events invites import <event> --file <list.csv|list.xlsx> [--skip-invalid] [--json]',
  attendance: 'usage: ura events attendance import <event> --file <sheet.csv|sheet.xlsx> [--day <n>] [--add-unmatched] [--json]',
  profile: 'usage: ura events profile <event> [--by org_type|region] [--format table|json|csv]',
  qr: 'usage: ura events qr <event> --out <file.png|file.svg> [--bot <username>]',
};

/** The option each field of an event's input comes from, for problem lines. */
const FLAGS: Record<string, string> = {
  'names.sq': '--name',
  'names.en': '--name-en',
  startsOn: '--starts',
  days: '--days',
  venue: '--venue',
  timezone: '--timezone',
  languages: '--languages',
  templateId: '--template',
};
const flagOf = (field: string) => FLAGS[field] ?? FLAGS[field.split('.')[0] ?? ''] ?? (field.startsWith('names.') ? `the name in ${field.slice(6)}` : field);

const wholeNumber = (value: string | undefined, flag: string, usage: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new ExitError(EXIT.badConfig, [`${flag} must be a whole number, not "${value}"`, usage]);
  return Number(value);
};

const readListFile = (path: string, usage: string): TableFile => readTableFile(path, '--file', usage);

export const eventsCommand = new Command('events').description('coordination events: programme, invitation lists, sign-in sheets, the participant profile, join QR codes, organisers');

eventsCommand
  .command('create')
  .description('create an event (open for registration) and print its id and join code; a template gives it its programme')
  .option('--name <text>', "the event's name in its main language (Albanian unless --languages says otherwise) (required)")
  .option('--name-en <text>', "the event's name in English")
  .option('--starts <YYYY-MM-DD>', 'the first day (required)')
  .option('--days <n>', "how many days (default: the template's, or 1)")
  .option('--template <id>', 'a programme template of flows/events, e.g. annual-conference or regional-committee-meeting')
  .option('--venue <text>', 'where it takes place')
  .option('--timezone <zone>', 'IANA time zone of the venue (default: APP_TIMEZONE)')
  .option('--languages <codes>', 'languages it runs in, the main one first (default: sq,en)')
  .option('--json', 'print the event and its programme as JSON')
  .action((options: { name?: string; nameEn?: string; starts?: string; days?: string; template?: string; venue?: string; timezone?: string; languages?: string; json?: boolean }) => {
    const missing = [!options.name && '--name is required', !options.starts && '--starts is required'].filter((line): line is string => typeof line === 'string');
    if (missing.length) throw new ExitError(EXIT.badConfig, [...missing, USAGE.create]);
    const days = wholeNumber(options.days, '--days', USAGE.create);
    const languages = options.languages
      ?.split(',')
      .map((code) => code.trim())
      .filter(Boolean);
    return withDatabase(async (db, config) => {
      const main = languages?.[0] ?? 'sq';
      const result = await eventsOn(db, config).create({
        names: { [main]: options.name ?? '', ...(options.nameEn !== undefined ? { en: options.nameEn } : {}) },
        startsOn: options.starts ?? '',
        ...(days !== undefined ? { days } : {}),
        ...(options.venue !== undefined ? { venue: options.venue } : {}),
        ...(options.timezone !== undefined ? { timezone: options.timezone } : {}),
        ...(languages ? { languages } : {}),
        ...(options.template !== undefined ? { templateId: options.template } : {}),
      });
      if (result.kind === 'invalid') throw new ExitError(EXIT.badConfig, [...result.problems.map((problem) => `${flagOf(problem.field)} ${problem.message}`), USAGE.create]);
      const { event, sessions } = result;
      if (options.json) return console.log(JSON.stringify({ ...event, sessions }, null, 2));
      console.log(`Created ${eventLabel(event)}`);
      console.log(`  id         ${event.id}`);
      console.log(`  join code  ${event.joinCode}`);
      // The room's screen: PUBLIC_URL (or Ura's own address) followed by this path.
      console.log(`  projector  /e/${event.publicCode}`);
      console.log(`  dates      ${event.startsOn}, ${event.days} day(s), ${event.timezone}${event.venue ? `, at ${event.venue}` : ''}`);
      console.log(`  programme  ${sessions.length ? `${sessions.length} session(s) from ${event.templateId}` : 'none yet'}`);
    });
  });

eventsCommand
  .command('list')
  .description('list the events, the latest first')
  .option('--json', 'print them as JSON')
  .action((options: { json?: boolean }) =>
    withDatabase(async (db, config) => {
      const events = await eventsOn(db, config).list();
      if (options.json) console.log(JSON.stringify(events, null, 2));
      else console.log(events.length ? events.map(eventLine).join('\n') : 'No events yet: `ura events create` makes one.');
    }),
  );

eventsCommand
  .command('templates')
  .description('list the programme templates of flows/events, checking each; exits 1 listing every problem')
  .action(() => {
    const { catalog, problems } = loadTemplates();
    for (const template of catalog.templates.values()) console.log(`${template.id} v${template.version}: ${template.days} day(s), ${template.sessions.length} session(s)`);
    if (problems.length > 0) throw new ExitError(EXIT.failure, formatProblems(problems, 'the event programme templates'));
  });

eventsCommand
  .command('invites')
  .description("the event's invitation list")
  .command('import')
  .description('import an invitation list (columns name, organisation, org_type, region and optionally contact); a bad row and nothing is imported. Importing again merges by name and organisation')
  .argument('<event>', 'the event id or join code')
  .option('--file <file>', 'the list, .csv (UTF-8) or .xlsx (its first sheet) (required)')
  .option('--skip-invalid', 'import the valid rows and list the others')
  .option('--json', 'print the result as JSON')
  .action((ref: string, options: { file?: string; skipInvalid?: boolean; json?: boolean }) => {
    if (!options.file) throw new ExitError(EXIT.badConfig, ['--file is required', USAGE.invites]);
    const path = resolve(options.file);
    const file = readListFile(path, USAGE.invites);
    return onEvent(ref, async (events, event) => {
      const result = await events.importInvites(event.id, file, { skipInvalid: options.skipInvalid === true });
      if (options.json) console.log(JSON.stringify(result, null, 2));
      if (result.kind === 'unreadable') throw new ExitError(EXIT.badConfig, [`Nothing imported: ${options.file}: ${expectedText(result.problem)}.`]);
      if (result.kind === 'invalid')
        throw new ExitError(EXIT.badConfig, options.json ? [] : [...refusalLines(result, options.file ?? path), 'Fix the rows and import again, or import the valid rows with --skip-invalid.']);
      if (!options.json) console.log(inviteLines(result, event).join('\n'));
    });
  });

eventsCommand
  .command('attendance')
  .description('who was there')
  .command('import')
  .description('import a typed-up sign-in sheet (columns name, organisation): rows matched to the invitation list by name and organisation are recorded present; the others are listed, never guessed')
  .argument('<event>', 'the event id or join code')
  .option('--file <file>', 'the sheet, .csv (UTF-8) or .xlsx (its first sheet) (required)')
  .option('--day <n>', 'the day of the event the sheet is for', '1')
  .option('--add-unmatched', 'add the people not on the list as walk-ins, present that day (the sheet then needs org_type and region columns)')
  .option('--json', 'print the result as JSON')
  .action((ref: string, options: { file?: string; day: string; addUnmatched?: boolean; json?: boolean }) => {
    if (!options.file) throw new ExitError(EXIT.badConfig, ['--file is required', USAGE.attendance]);
    const day = wholeNumber(options.day, '--day', USAGE.attendance) ?? 1;
    const file = readListFile(resolve(options.file), USAGE.attendance);
    return onEvent(ref, async (events, event) => {
      if (day < 1 || day > event.days) throw new ExitError(EXIT.badConfig, [`--day must be between 1 and ${event.days}, the days of ${eventLabel(event)}`, USAGE.attendance]);
      const result = await events.importAttendance(event.id, file, { day, addUnmatched: options.addUnmatched === true });
      if (options.json) console.log(JSON.stringify(result, null, 2));
      if (result.kind === 'unreadable') throw new ExitError(EXIT.badConfig, [`Nothing imported: ${options.file}: ${expectedText(result.problem)}.`]);
      if (result.kind === 'invalid') throw new ExitError(EXIT.badConfig, options.json ? [] : [...refusalLines(result, options.file ?? ''), 'Fix the rows and import again.']);
      if (!options.json) console.log(attendanceLines(result, event).join('\n'));
    });
  });

eventsCommand
  .command('profile')
  .description(
    'the participant profile: invited and participating persons and organisations by type of organisation (or region), with percentages; a participant is a person recorded present on at least one day',
  )
  .argument('<event>', 'the event id or join code')
  .option('--by <dimension>', PROFILE_DIMENSIONS.join(' | '), 'org_type')
  .option('--format <format>', FORMATS.join(' | '), 'table')
  .action((ref: string, options: { by: string; format: string }) => {
    const by = PROFILE_DIMENSIONS.find((dimension): dimension is ProfileDimension => dimension === options.by);
    if (!by) throw new ExitError(EXIT.badConfig, [`--by must be ${PROFILE_DIMENSIONS.join(' or ')}, not "${options.by}"`, USAGE.profile]);
    const format = FORMATS.find((candidate) => candidate === options.format);
    if (!format) throw new ExitError(EXIT.badConfig, [`--format must be ${FORMATS.join(', ')}, not "${options.format}"`, USAGE.profile]);
    return onEvent(ref, async (events, event) => {
      const profile = await events.profile(event.id, by);
      if (format === 'json') console.log(JSON.stringify(profile, null, 2));
      else if (format === 'csv') process.stdout.write(renderTableCsv(profileTable(profile, by, 'csv')));
      else {
        const notes = ['Participants: people recorded present on at least one day (walk-ins included). % rounded to one decimal.'];
        console.log(renderReportText({ title: `Participant profile by ${by.replace('_', ' ')}: ${eventLabel(event)}`, notes, tables: [profileTable(profile, by, 'text')] }));
      }
    });
  });

eventsCommand
  .command('qr')
  .description('write the QR code of the link that opens the bot on the event, for posters and the projector')
  .argument('<event>', 'the event id or join code')
  .option('--out <file>', 'where to write it: a .png or .svg file (required)')
  .option('--bot <username>', "the bot's username (default: asked of Telegram with TELEGRAM_BOT_TOKEN)")
  .action((ref: string, options: { out?: string; bot?: string }) => {
    const format = options.out ? qrFormatOf(options.out) : undefined;
    if (!options.out || !format) throw new ExitError(EXIT.badConfig, [options.out ? `--out must end in .png or .svg, not "${options.out}"` : '--out is required', USAGE.qr]);
    if (options.bot !== undefined && !isBotUsername(options.bot))
      throw new ExitError(EXIT.badConfig, [`--bot "${options.bot}" is not a Telegram bot username (5 to 32 letters, digits and _)`, USAGE.qr]);
    const out = resolve(options.out);
    return onEvent(ref, async (_events, event, config) => {
      const bot = options.bot ?? (await botUsername(config.telegram));
      if (typeof bot !== 'string' && 'reason' in bot) throw new ExitError(EXIT.badConfig, [bot.reason, "Pass the bot's username with --bot <username>.", USAGE.qr]);
      const link = joinLink(typeof bot === 'string' ? bot : bot.username, event.joinCode);
      writeFileSync(out, await joinQr(link, format));
      console.log(`Wrote ${out}: the QR code of ${link} (${eventLabel(event)}).`);
    });
  });

eventsCommand.addCommand(organisersCommand);
for (const command of [pollCommand, votesCommand, groupsCommand, topicsCommand]) eventsCommand.addCommand(command);
eventsCommand.addCommand(themesCommand);
eventsCommand.addCommand(cafeCommand);
