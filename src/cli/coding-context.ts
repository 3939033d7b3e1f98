import { readFileSync, statSync } from 'node:fs';
import { systemClock } from '../shared/clock.js';
import { readTable } from '../shared/table-file.js';
import type { Database } from '../storage/database.js';
import { createCodingRepository } from '../storage/coding-repository.js';
import { createSurveyRepository } from '../storage/survey-repository.js';
import { type CodebookRead, type CodingTarget, codebookFromTable, codebookFromYaml, createCoding, type SurveyCoding } from '../surveys/index.js';
import { withDatabase } from './database.js';
import { EXIT, ExitError } from './environment.js';
import { eventsOn } from './events-context.js';
import { expectedText } from './events-output.js';
import { surveyForm } from './survey-form.js';
import { readTableFile } from './table-file.js';

// What `ura coding` commands share: the coding over the database, the form, event and run they name, the codebook file.

const MAX_YAML_BYTES = 1024 * 1024;

export interface TargetOptions {
  form?: string;
  event?: string;
  run?: string;
}

/** Runs with the coding of survey answers on the configured database. */
export const withCoding = <T>(work: (coding: SurveyCoding) => Promise<T>) => withDatabase((db) => work(codingOn(db)));

const codingOn = (db: Database): SurveyCoding => createCoding({ store: createCodingRepository(db.prisma), clock: systemClock });

/** The form a command names: a survey flow (else a usage problem) with an open question to code. */
function formOf(form: string | undefined, usage: string): string {
  if (!form) throw new ExitError(EXIT.badConfig, ['--form is required: the id of a survey flow, e.g. surveys/event-evaluation', usage]);
  if (!surveyForm(form).form.items.some((item) => item.kind === 'text')) throw new ExitError(EXIT.failure, [`The form ${form} has no open question to code.`]);
  return form;
}

/**
 * Which answers a command works on: the form's, an event's (id or join code) or one run's.
 * An unknown event, or a run of another form, fails with exit code 1.
 */
export async function targetOf(db: Database, config: Parameters<typeof eventsOn>[1], options: TargetOptions, usage: string): Promise<CodingTarget> {
  const formId = formOf(options.form, usage);
  if (options.event && options.run) throw new ExitError(EXIT.badConfig, ['Name an event or a run, not both.', usage]);
  if (options.event) {
    const event = await eventsOn(db, config).find(options.event);
    if (!event) throw new ExitError(EXIT.failure, [`No event has the id or join code "${options.event}". \`ura events list\` shows them.`]);
    return { formId, eventId: event.id };
  }
  if (options.run) {
    const run = await createSurveyRepository(db.prisma).run(options.run);
    if (!run) throw new ExitError(EXIT.failure, [`No survey run has the id "${options.run}".`]);
    if (run.flowId !== formId) throw new ExitError(EXIT.failure, [`The run ${run.id} asks the form ${run.flowId}, not ${formId}.`]);
    return { formId, runId: run.id };
  }
  return { formId };
}

/** Runs with the coding and the target the options name. */
export const onTarget = <T>(options: TargetOptions, usage: string, work: (coding: SurveyCoding, target: CodingTarget) => Promise<T>) =>
  withDatabase(async (db, config) => work(codingOn(db), await targetOf(db, config, options, usage)));

/** A codebook file read: YAML, or a table (CSV or XLSX); an unreadable one is a usage problem. */
export async function readCodebook(path: string | undefined, usage: string): Promise<CodebookRead> {
  if (!path) throw new ExitError(EXIT.badConfig, ['--file is required: a .yaml, .csv or .xlsx codebook', usage]);
  if (!/\.ya?ml$/i.test(path)) {
    const read = await readTable(readTableFile(path, '--file', usage));
    return 'problem' in read ? { problems: [expectedText(read.problem)] } : codebookFromTable(read.table);
  }
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new ExitError(EXIT.badConfig, [`--file ${path} cannot be read (no such file?)`, usage]);
  }
  if (size > MAX_YAML_BYTES) throw new ExitError(EXIT.badConfig, [`--file ${path} has ${size} bytes; a codebook has at most ${MAX_YAML_BYTES}`]);
  return codebookFromYaml(readFileSync(path, 'utf8'));
}
