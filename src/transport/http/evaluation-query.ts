import type { Request, Response } from 'express';
import { z } from 'zod';
import { isLanguage, type Language } from '../../i18n/index.js';
import { EVALUATION_FORMATS } from '../../reports/evaluation/output.js';
import type { EvaluationDownload, EvaluationRequest } from './organiser-events.js';

/**
 * The evaluation report's query, the same on the organiser pages and the API:
 * `?form=surveys/event-evaluation&format=html&lang=sq,en[&table=scale]`. CSV gives
 * one table (the rated questions unless `table` names another).
 */
const querySchema = z.object({
  form: z.string().min(1).max(100).default('surveys/event-evaluation'),
  format: z.enum(EVALUATION_FORMATS).default('html'),
  lang: z
    .string()
    .max(11)
    .default('sq,en')
    .transform((value) => value.split(','))
    .refine((languages): languages is Language[] => languages.length <= 2 && new Set(languages).size === languages.length && languages.every(isLanguage), {
      message: 'lang must be one language or two different ones: sq, en, it, el',
    }),
  table: z
    .string()
    .regex(/^[a-z]+$/)
    .max(30)
    .default('scale'),
});

export type EvaluationQuery = { request: EvaluationRequest; table: string } | { problem: string };

export function evaluationQuery(req: Request): EvaluationQuery {
  const parsed = querySchema.safeParse(req.query);
  if (!parsed.success) return { problem: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
  const { form, format, lang, table } = parsed.data;
  return { request: { form, format, languages: lang }, table };
}

/**
 * Sends the report's file: HTML and JSON to be read in the browser, the others as a
 * download. False when CSV names a table the report does not have.
 */
export function sendReportFile(res: Response, download: Extract<EvaluationDownload, { files: unknown }>, table: string): boolean {
  const file = download.files.length > 1 ? download.files.find((candidate) => candidate.name === `${table}.csv`) : download.files[0];
  if (!file) return false;
  res.set('Cache-Control', 'no-store');
  res.type(file.contentType);
  if (!file.contentType.startsWith('text/html') && !file.contentType.startsWith('application/json')) res.attachment(file.name);
  res.send(file.body);
  return true;
}
