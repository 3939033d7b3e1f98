import { resolve } from 'node:path';
import { Command } from 'commander';
import { systemClock } from '../shared/clock.js';
import type { RowProblem } from '../shared/expectation.js';
import { createSurveyRepository } from '../storage/survey-repository.js';
import { importPaper, type PaperImport, type PaperTarget } from '../surveys/index.js';
import { withDatabase } from './database.js';
import { EXIT, ExitError } from './environment.js';
import { eventsOn } from './events-context.js';
import { eventLabel, expectedText, problemText } from './events-output.js';
import { surveyForm } from './survey-form.js';
import { readTableFile } from './table-file.js';

const USAGE = 'usage: ura surveys import --form <flow id> --file <answers.csv|answers.xlsx> (--event <id> | --run <id>) [--lang <code>] [--skip-invalid] [--json]';

interface Options {
  form?: string;
  file?: string;
  event?: string;
  run?: string;
  lang?: string;
  skipInvalid?: boolean;
  json?: boolean;
}

/** A problem for JSON output: what was expected in words. */
const inWords = (problem: RowProblem) => ({ ...problem, expected: expectedText(problem.expected) });
const problemLines = (problems: readonly RowProblem[]) => problems.map((problem) => `  ${problemText(problem)}`);
const emptyLine = (skippedEmpty: number) => (skippedEmpty ? [`${skippedEmpty} row(s) with no answer skipped.`] : []);

function jsonOf(result: PaperImport) {
  switch (result.kind) {
    case 'invalid':
      return { ...result, problems: result.problems.map(inWords) };
    case 'imported':
      return { ...result, skipped: result.skipped.map(inWords) };
    case 'unreadable':
      return { ...result, problem: expectedText(result.problem) };
    default:
      return result;
  }
}

export const surveysImportCommand = new Command('import')
  .description(
    'import paper forms typed into a spreadsheet: one row per form, an optional first column respondent (the number written on the form, never a name), then one column per item code (the flow\'s step ids); scale answers as their codes, NA for not applicable, empty for no answer, several choices separated by ";". Any bad cell and nothing is imported',
  )
  .option('--form <id>', 'the survey flow the forms were printed from, e.g. surveys/event-evaluation (required)')
  .option('--file <file>', 'the answers, .csv (UTF-8) or .xlsx (its first sheet) (required)')
  .option('--event <id>', 'the event (id or join code) whose evaluation run of the form takes the answers; made if the event has none')
  .option('--run <id>', 'the survey run that takes the answers (it must collect this form)')
  .option('--lang <code>', "the language the forms were printed in (default: the form's first)")
  .option('--skip-invalid', 'import the valid rows and list the others')
  .option('--json', 'print the result as JSON')
  .action((options: Options) => {
    if (!options.form) throw new ExitError(EXIT.badConfig, ['--form is required', USAGE]);
    if (!options.file) throw new ExitError(EXIT.badConfig, ['--file is required', USAGE]);
    if ((options.event === undefined) === (options.run === undefined)) throw new ExitError(EXIT.badConfig, ['give either --event or --run', USAGE]);
    const { compiled, form } = surveyForm(options.form);
    const language = options.lang ?? compiled.flow.languages[0] ?? 'sq';
    if (!compiled.flow.languages.includes(language))
      throw new ExitError(EXIT.badConfig, [`--lang must be one of ${compiled.flow.languages.join(', ')} (the languages of ${options.form}), not "${language}"`]);
    const file = readTableFile(resolve(options.file), '--file', USAGE);
    const name = options.file;

    return withDatabase(async (db, config) => {
      let target: PaperTarget;
      let into = '';
      if (options.event !== undefined) {
        const event = await eventsOn(db, config).find(options.event);
        if (!event) throw new ExitError(EXIT.failure, [`No event has the id or join code "${options.event}". \`ura events list\` shows them.`]);
        target = { event: event.id };
        into = ` of ${eventLabel(event)}`;
      } else target = { run: options.run ?? '' };

      const result = await importPaper({ store: createSurveyRepository(db.prisma), clock: systemClock }, { form, language, file, target, skipInvalid: options.skipInvalid === true });
      if (options.json) console.log(JSON.stringify(jsonOf(result), null, 2));
      const quiet = (lines: string[]) => (options.json ? [] : lines);
      switch (result.kind) {
        case 'no_run':
          throw new ExitError(EXIT.failure, quiet([`No survey run has the id "${result.run}".`]));
        case 'other_form':
          throw new ExitError(EXIT.badConfig, quiet([`Nothing imported: run ${result.run.id} collects ${result.run.flowId} v${result.run.flowVersion}, not ${form.id} v${form.version}.`]));
        case 'unreadable':
          throw new ExitError(EXIT.badConfig, quiet([`Nothing imported: ${name}: ${expectedText(result.problem)}.`]));
        case 'conflict':
          throw new ExitError(EXIT.failure, quiet(['Nothing imported: another import stored some of these respondent ids at the same time; import again to see which.']));
        case 'invalid':
          throw new ExitError(
            EXIT.badConfig,
            quiet([
              `Nothing imported: ${result.problems.length} problem(s) in ${name}:`,
              ...problemLines(result.problems),
              ...emptyLine(result.skippedEmpty),
              result.problems.some((problem) => problem.row === 1) ? 'Fix the columns and import again.' : 'Fix the rows and import again, or import the valid rows with --skip-invalid.',
            ]),
          );
        case 'imported':
          if (options.json) return;
          console.log(
            [
              `Imported ${result.imported} paper response(s) of ${form.id} v${form.version} into run ${result.run.id}${into}${result.runCreated ? ' (the evaluation run was made for them)' : ''}.`,
              ...(result.skipped.length ? [`Skipped ${result.skipped.length} row problem(s) (--skip-invalid):`, ...problemLines(result.skipped)] : []),
              ...emptyLine(result.skippedEmpty),
            ].join('\n'),
          );
      }
    });
  });
