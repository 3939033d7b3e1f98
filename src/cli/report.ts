import { mkdirSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { Command } from 'commander';
import type { Events } from '../events/index.js';
import { createI18n, isLanguage, type Language } from '../i18n/index.js';
import { eventEvaluationSubject } from '../compose-evaluation.js';
import type { EvaluationForm, PreviousEdition } from '../reports/evaluation/model.js';
import { EVALUATION_FORMATS, isEvaluationFormat, renderEvaluation } from '../reports/evaluation/output.js';
import { previousFromReport } from '../reports/evaluation/previous.js';
import { readPreviousFile } from '../reports/evaluation/previous-file.js';
import { formatOf } from '../shared/table-file.js';
import type { Database } from '../storage/database.js';
import { createSurveyRepository } from '../storage/survey-repository.js';
import { codingForReports, createCoding, type EvaluationSubject, evaluationReport, readResponsesFile } from '../surveys/index.js';
import { createCodingRepository } from '../storage/coding-repository.js';
import { systemClock } from '../shared/clock.js';
import { withDatabase } from './database.js';
import { EXIT, ExitError } from './environment.js';
import { eventsOn } from './events-context.js';
import { expectedText, problemText } from './events-output.js';
import { surveyForm } from './survey-form.js';
import { readTableFile } from './table-file.js';

const USAGE =
  'usage: ura report evaluation --form <flow id> (--event <id> | --run <id> | --responses <file>) [--previous <event id | file>] [--participants <n>] [--lang sq,en] [--format json|text|html|csv|xlsx|pdf] [--out <path>]';

interface Options {
  form?: string;
  event?: string;
  run?: string;
  responses?: string;
  previous?: string;
  participants?: string;
  lang: string;
  format: string;
  out?: string;
}

/** The coders' theme counts, quotes and agreement for the report. */
const codingOf = (db: Database) => codingForReports(createCoding({ store: createCodingRepository(db.prisma), clock: systemClock }));

const usage = (line: string) => new ExitError(EXIT.badConfig, [line, USAGE]);

function languagesOf(value: string): Language[] {
  const languages = value.split(',').map((language) => language.trim());
  if (languages.length > 2 || new Set(languages).size !== languages.length || !languages.every(isLanguage))
    throw usage(`--lang must be one language or two different ones, separated by a comma (sq, en, it, el), not "${value}"`);
  return languages as Language[];
}

function participantsOf(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw usage(`--participants must be a whole number of people (at least 1), not "${value}"`);
  return Number(value);
}

/** The event an id or join code names, as the report's subject. */
async function eventSubject(events: Events, ref: string): Promise<EvaluationSubject> {
  const event = await events.find(ref);
  if (!event) throw new ExitError(EXIT.failure, [`No event has the id or join code "${ref}". \`ura events list\` shows them.`]);
  return eventEvaluationSubject(events, event);
}

async function previousOf(form: EvaluationForm, ref: string, db: Database, events: () => Events): Promise<PreviousEdition> {
  if (formatOf(ref)) {
    const read = await readPreviousFile(form, readTableFile(resolve(ref), '--previous', USAGE), ref);
    if ('problem' in read) throw new ExitError(EXIT.badConfig, [`--previous ${ref}: ${expectedText(read.problem)}`]);
    if ('problems' in read)
      throw new ExitError(EXIT.badConfig, [`--previous ${ref} has ${read.problems.length} problem(s); no report was made:`, ...read.problems.map((problem) => `  ${problemText(problem)}`)]);
    return read.previous;
  }
  const subject = await eventSubject(events(), ref);
  const earlier = await evaluationReport({ store: createSurveyRepository(db.prisma), coding: codingOf(db) }, { form, subject });
  return previousFromReport(earlier.report, earlier.wording);
}

async function fileSubject(form: EvaluationForm, path: string): Promise<EvaluationSubject> {
  const read = await readResponsesFile(form, readTableFile(resolve(path), '--responses', USAGE));
  if (read.kind === 'unreadable') throw new ExitError(EXIT.badConfig, [`--responses ${path}: ${expectedText(read.problem)}`]);
  if (read.kind === 'invalid')
    throw new ExitError(EXIT.badConfig, [`--responses ${path} has ${read.problems.length} problem(s); no report was made:`, ...read.problems.map((problem) => `  ${problemText(problem)}`)]);
  return { kind: 'file', name: path, responses: read.responses };
}

const evaluationCommand = new Command('evaluation')
  .description(
    'the evaluation report of a survey: per rated question the answers per point, N/A and no answer apart, mean, top box of all answers and of valid answers, year over year; choices, coded open answers, the participant profile',
  )
  .option('--form <id>', 'the survey flow, e.g. surveys/event-evaluation (required)')
  .option('--event <id>', "an event (id or join code): its evaluation run's answers, chat and paper")
  .option('--run <id>', "a survey run's answers")
  .option('--responses <file>', 'answers in the paper-forms format (.csv or .xlsx), read without importing them')
  .option('--previous <event|file>', 'the previous edition: an event in Ura, or a file with columns code,top_box_of_all (and optionally wording)')
  .option('--participants <n>', 'who could answer, for the response rate (default: the checked-in participants of the event)')
  .option('--lang <codes>', 'one language, or two side by side in HTML and PDF (e.g. sq,en)', 'sq,en')
  .option('--format <format>', `one of ${EVALUATION_FORMATS.join(', ')}`, 'json')
  .option('--out <path>', 'the file to write (a folder for csv: one file per table); without it, the report is printed (json, text, html)')
  .action((options: Options) => {
    if (!options.form) throw usage('--form is required');
    const sources = [options.event, options.run, options.responses].filter((source) => source !== undefined);
    if (sources.length !== 1) throw usage('give one of --event, --run or --responses');
    if (!isEvaluationFormat(options.format)) throw usage(`--format must be one of ${EVALUATION_FORMATS.join(', ')}, not "${options.format}"`);
    const format = options.format;
    if (!options.out && (format === 'pdf' || format === 'xlsx' || format === 'csv')) throw usage(`--format ${format} needs --out`);
    const languages = languagesOf(options.lang);
    const participants = participantsOf(options.participants);
    const { form } = surveyForm(options.form);

    return withDatabase(async (db, config) => {
      let events: Events | undefined;
      const eventsArea = () => (events ??= eventsOn(db, config));
      const store = createSurveyRepository(db.prisma);
      let subject: EvaluationSubject;
      if (options.event !== undefined) subject = await eventSubject(eventsArea(), options.event);
      else if (options.run !== undefined) {
        const run = await store.run(options.run);
        if (!run) throw new ExitError(EXIT.failure, [`No survey run has the id "${options.run}".`]);
        if (run.flowId !== form.id) throw new ExitError(EXIT.badConfig, [`Run ${run.id} collects ${run.flowId}, not ${form.id}.`]);
        subject = { kind: 'run', run };
      } else subject = await fileSubject(form, options.responses ?? '');
      const previous = options.previous === undefined ? null : await previousOf(form, options.previous, db, eventsArea);
      const { report, themes } = await evaluationReport({ store, coding: codingOf(db) }, { form, subject, participants, previous });
      const files = await renderEvaluation(report, form, { format, languages, i18n: createI18n(), themes });
      if (!options.out) {
        for (const file of files) process.stdout.write(String(file.body));
        return;
      }
      const out = resolve(options.out);
      if (format === 'csv') {
        mkdirSync(out, { recursive: true });
        for (const file of files) writeFileSync(join(out, file.name), file.body);
        console.log(`Wrote ${files.length} CSV file(s) to ${out}: ${files.map((file) => file.name).join(', ')}.`);
        return;
      }
      const [file] = files;
      if (!file) return;
      if (extname(out) === '') throw usage(`--out must name a file (e.g. evaluation.${format}), not the folder "${options.out}"`);
      writeFileSync(out, file.body);
      console.log(`Wrote the evaluation report (${report.responses} response(s), ${format}) to ${out}.`);
    });
  });

export const reportCommand = new Command('report').description('reports for organisers: the evaluation of an event or a survey').addCommand(evaluationCommand);
