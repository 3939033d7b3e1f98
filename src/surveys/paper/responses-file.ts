import type { Answer } from '../../flows/state.js';
import type { EvaluationForm, FormItem, ReportResponse } from '../../reports/evaluation/model.js';
import { columnLetter, type Expectation, type RowProblem } from '../../shared/expectation.js';
import { INVITE_REGIONS, ORG_TYPES } from '../../shared/organisations.js';
import { readTable, type Table, type TableFile, type TableRow } from '../../shared/table-file.js';
import type { RespondentProfile } from '../model.js';
import { reportResponseOf } from '../report-response.js';
import { expecting } from './expected.js';

/**
 * Paper forms typed into a spreadsheet: one row per form, an optional `respondent`
 * column (the id written on the form), then one column per item code (the flow's step
 * ids, as chat answers use). Every cell is checked against the form:
 *   scale   a point code ("1".."4"), NA (any case) where the item offers it, empty: no answer
 *   choice  one of its codes (yes/no/unsure for a yes/no question); several separated by ;
 *   text    any text, trimmed, up to the item's length
 * A file may carry some of the form's items only (an older paper form): an item without a
 * column was not asked, and each response records the items asked. A row with no answer
 * at all (a form returned blank, or an empty line) is skipped and counted, not refused.
 * A form that is not anonymous also takes `org_type` and `region` columns (the codes
 * registration uses; empty: not known); an anonymous form refuses them, so that nobody
 * types who answered into a file whose answers must name nobody.
 */

export const RESPONDENT_COLUMN = 'respondent';
/** The profile columns of a form that is not anonymous, and the codes each takes. */
export const PROFILE_COLUMNS = { org_type: { field: 'orgType', codes: ORG_TYPES }, region: { field: 'region', codes: INVITE_REGIONS } } as const;
type ProfileColumn = keyof typeof PROFILE_COLUMNS;
const isProfileColumn = (name: string): name is ProfileColumn => Object.hasOwn(PROFILE_COLUMNS, name);
/** Longer than any id written on a paper form. */
export const RESPONDENT_MAX = 64;
/** The longest text a flow's text step can take. */
const TEXT_MAX = 4000;
const NOT_APPLICABLE = /^na$/i;

/** One paper form's answers, by item code; an item asked but left empty has no answer. */
export interface PaperResponse {
  row: number;
  respondent: string | null;
  answers: Record<string, Answer>;
  /** The items the file carries; null when it carries every item of the form. */
  asked: string[] | null;
  /** Who answered, on a form that is not anonymous (fields not in the file are null); null on an anonymous form. */
  profile: RespondentProfile | null;
}

export interface PaperTable {
  responses: PaperResponse[];
  /** Every bad cell; a problem in row 1 (the header) makes every row unusable. */
  problems: RowProblem[];
  /** Rows with no answer, skipped (empty lines included). */
  skippedEmpty: number;
}

interface Header {
  respondent: number | undefined;
  items: { item: FormItem; index: number }[];
  profile: { column: ProfileColumn; index: number }[];
  problems: RowProblem[];
}

function readHeader(form: EvaluationForm, header: readonly string[]): Header {
  const codes = form.items.map((item) => item.code);
  const seen = new Map<string, number>();
  const problems: RowProblem[] = [];
  const items: Header['items'] = [];
  const profile: Header['profile'] = [];
  let respondent: number | undefined;
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (name === '') return;
    const earlier = seen.get(name);
    if (earlier !== undefined) return void problems.push({ row: 1, column: raw.trim(), value: raw.trim(), expected: expecting('column_once', { column: columnLetter(earlier) }) });
    seen.set(name, index);
    const item = form.items.find((candidate) => candidate.code === name);
    if (item) items.push({ item, index });
    else if (name === RESPONDENT_COLUMN) respondent = index;
    else if (isProfileColumn(name) && !form.anonymous) profile.push({ column: name, index });
    else if (isProfileColumn(name)) problems.push({ row: 1, column: raw.trim(), value: raw.trim(), expected: expecting('profile_anonymous', { form: form.id }) });
    else problems.push({ row: 1, column: raw.trim(), value: raw.trim(), expected: expecting('item_column', { form: form.id, codes: codes.join(', ') }) });
  });
  // Not one column of this form: a file for another form, said once rather than column by column.
  if (items.length === 0)
    return { respondent, items, profile, problems: [{ row: 1, column: '', value: header.join(', '), expected: expecting('form_file', { form: form.id, codes: codes.join(', ') }) }] };
  return { respondent, items, profile, problems };
}

type Cell = { answer: Answer | undefined } | { expected: Expectation };

/** A cell's answer (none when empty), or what was expected there. */
export function readCell(item: FormItem, written: string): Cell {
  const value = written.trim();
  if (value === '') return { answer: undefined };
  switch (item.kind) {
    case 'scale':
      if (NOT_APPLICABLE.test(value)) return item.notApplicable ? { answer: { kind: 'na' } } : { expected: expecting('scale_point_no_na', { points: item.points.join(', ') }) };
      if (item.points.includes(value)) return { answer: { kind: 'choice', code: value } };
      return { expected: expecting(item.notApplicable ? 'scale_point' : 'scale_point_no_na', { points: item.points.join(', ') }) };
    case 'choice': {
      const codes = value
        .split(';')
        .map((code) => code.trim().toLowerCase())
        .filter((code) => code !== '');
      const unknown = codes.find((code) => !item.options.includes(code));
      if (!item.multiple) return codes.length === 1 && !unknown ? { answer: { kind: 'choice', code: codes[0] ?? '' } } : { expected: expecting('choice', { codes: item.options.join(', ') }) };
      if (unknown !== undefined) return { expected: expecting('choices', { codes: item.options.join(', '), code: unknown }) };
      return { answer: codes.length ? { kind: 'choices', codes: [...new Set(codes)] } : undefined };
    }
    case 'text': {
      const max = item.maxLength ?? TEXT_MAX;
      return value.length > max ? { expected: expecting('text_length', { max }) } : { answer: { kind: 'text', value } };
    }
  }
}

/** A profile cell: a code of its column (any case), or nothing (not known). */
function readProfileCell(column: ProfileColumn, written: string): { code: string | null } | { expected: Expectation } {
  const value = written.trim().toLowerCase();
  if (value === '') return { code: null };
  const { codes } = PROFILE_COLUMNS[column];
  return (codes as readonly string[]).includes(value) ? { code: value } : { expected: expecting(column, { codes: codes.join(', ') }) };
}

/** Columns with answers but no name in row 1: their cells would be lost unnoticed. */
function unnamedColumns(form: EvaluationForm, table: Table): RowProblem[] {
  const width = Math.max(0, ...table.rows.map((row) => row.cells.length));
  const unnamed = Array.from({ length: width }, (_, index) => index).filter((index) => (table.header[index] ?? '').trim() === '' && table.rows.some((row) => (row.cells[index] ?? '') !== ''));
  const codes = form.items.map((item) => item.code).join(', ');
  return unnamed.map((index) => ({ row: 1, column: `column ${columnLetter(index)}`, value: '', expected: expecting('item_column', { form: form.id, codes }) }));
}

/** Rows the reader dropped as blank: the gaps in the spreadsheet's numbering. */
const blankLines = (rows: readonly TableRow[]): number => rows.reduce((gaps, row, i) => gaps + (row.row - (rows[i - 1]?.row ?? 1) - 1), 0);

/** The responses a table holds for `form`, and every problem. Pure. */
export function readPaperTable(form: EvaluationForm, table: Table): PaperTable {
  const header = readHeader(form, table.header);
  if (header.items.length > 0) header.problems.push(...unnamedColumns(form, table));
  if (header.problems.length > 0) return { responses: [], problems: header.problems, skippedEmpty: 0 };
  const asked = header.items.length === form.items.length ? null : header.items.map(({ item }) => item.code);
  const respondents = new Map<string, number>();
  const responses: PaperResponse[] = [];
  const problems: RowProblem[] = [];
  let skippedEmpty = blankLines(table.rows);
  for (const row of table.rows) {
    const rowProblems: RowProblem[] = [];
    const answers: Record<string, Answer> = {};
    for (const { item, index } of header.items) {
      const written = row.cells[index] ?? '';
      const cell = readCell(item, written);
      if ('expected' in cell) rowProblems.push({ row: row.row, column: table.header[index]?.trim() ?? item.code, value: written, expected: cell.expected });
      else if (cell.answer) answers[item.code] = cell.answer;
    }
    const profile: RespondentProfile | null = form.anonymous ? null : { orgType: null, region: null };
    for (const { column, index } of header.profile) {
      const written = row.cells[index] ?? '';
      const cell = readProfileCell(column, written);
      if ('expected' in cell) rowProblems.push({ row: row.row, column: table.header[index]?.trim() ?? column, value: written, expected: cell.expected });
      else if (profile) profile[PROFILE_COLUMNS[column].field] = cell.code;
    }
    const respondent = header.respondent === undefined ? '' : (row.cells[header.respondent] ?? '').trim();
    if (rowProblems.length === 0 && Object.keys(answers).length === 0) {
      skippedEmpty += 1;
      continue;
    }
    if (respondent.length > RESPONDENT_MAX) rowProblems.unshift({ row: row.row, column: RESPONDENT_COLUMN, value: respondent, expected: expecting('respondent_length', { max: RESPONDENT_MAX }) });
    const earlier = respondents.get(respondent);
    if (respondent !== '' && earlier !== undefined) rowProblems.unshift({ row: row.row, column: RESPONDENT_COLUMN, value: respondent, expected: expecting('respondent_once', { row: earlier }) });
    if (respondent !== '' && earlier === undefined) respondents.set(respondent, row.row);
    if (rowProblems.length > 0) problems.push(...rowProblems);
    else responses.push({ row: row.row, respondent: respondent === '' ? null : respondent, answers, asked, profile });
  }
  return { responses, problems, skippedEmpty };
}

/** Reads a responses file for `form`: why it cannot be read, or its responses and problems. */
export async function readPaperFile(form: EvaluationForm, file: TableFile): Promise<{ problem: Expectation } | PaperTable> {
  const read = await readTable(file);
  return 'problem' in read ? read : readPaperTable(form, read.table);
}

export type ResponsesFile = { kind: 'unreadable'; problem: Expectation } | { kind: 'invalid'; problems: RowProblem[] } | { kind: 'read'; responses: ReportResponse[]; skippedEmpty: number };

/**
 * A responses file read for a report directly, without importing it: every response,
 * or every problem (a report never counts half a file).
 */
export async function readResponsesFile(form: EvaluationForm, file: TableFile): Promise<ResponsesFile> {
  const read = await readPaperFile(form, file);
  if ('problem' in read) return { kind: 'unreadable', problem: read.problem };
  if (read.problems.length > 0) return { kind: 'invalid', problems: read.problems };
  return { kind: 'read', responses: read.responses.map((response) => reportResponseOf({ source: 'paper', ...response })), skippedEmpty: read.skippedEmpty };
}
