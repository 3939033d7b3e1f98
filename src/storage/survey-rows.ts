import { z } from 'zod';
import { type FormWording, SURVEY_KINDS, type SurveyRun } from '../surveys/model.js';
import type { UraPrisma } from './database.js';
import { parsedJson } from './event-json.js';
import { storedOneOf } from './stored-values.js';

/** A survey run as stored, and as the surveys area reads it: one mapping for every repository of runs. */
export type RunRow = Awaited<ReturnType<UraPrisma['surveyRun']['findUniqueOrThrow']>>;

const wordingSchema = z.record(z.string(), z.record(z.string(), z.string()));

/** A wording that cannot be read is not known: a report then flags no change rather than a wrong one. */
const wordingOf = (text: string | null): FormWording | null => wordingSchema.safeParse(parsedJson(text)).data ?? null;

export const toRun = (row: RunRow): SurveyRun => ({ ...row, kind: storedOneOf(SURVEY_KINDS, row.kind, 'standalone'), wording: wordingOf(row.wording) });

export const runRow = (run: SurveyRun): RunRow => ({ ...run, wording: run.wording === null ? null : JSON.stringify(run.wording) });
