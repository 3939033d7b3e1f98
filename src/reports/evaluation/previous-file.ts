import { columnLetter, type Expectation, type RowProblem } from '../../shared/expectation.js';
import { readTable, type Table, type TableFile } from '../../shared/table-file.js';
import type { EvaluationForm, PreviousEdition } from './model.js';

/**
 * A previous edition run before Ura, typed in as a table: one row per item, the item's
 * code (`code`), its published top box as a percentage of all answers (`top_box_of_all`:
 * "48", "48.5", "48,5" or "48%"), and optionally the earlier wording (`wording`) in the
 * form's first language, to flag items asked differently then. Every row is checked and
 * every problem listed; with any problem, no edition is returned (a comparison with half
 * a file would look complete and be wrong).
 */

export const PREVIOUS_COLUMNS = ['code', 'top_box_of_all', 'wording'] as const;
type PreviousColumn = (typeof PREVIOUS_COLUMNS)[number];
const REQUIRED: readonly PreviousColumn[] = ['code', 'top_box_of_all'];

/** What a previous-edition file expects, said as `reports:expected.<code>`. */
export const PREVIOUS_EXPECTED = ['column_named', 'column_known', 'column_once', 'scale_item', 'new_code', 'percent', 'item_rows'] as const;
type PreviousExpected = (typeof PREVIOUS_EXPECTED)[number];
const expecting = (code: PreviousExpected, values?: Expectation['values']): Expectation<PreviousExpected> => ({ code, ns: 'reports', ...(values ? { values } : {}) });

export type PreviousFileRead = { previous: PreviousEdition } | { problems: RowProblem[] };

const PERCENT = /^(\d{1,3})(?:[.,](\d+))?\s*%?$/;

/** A percentage from 0 to 100 as written, or undefined. */
function percentOf(text: string): number | undefined {
  const match = PERCENT.exec(text);
  if (!match) return undefined;
  const value = Number(`${match[1]}.${match[2] ?? '0'}`);
  return value <= 100 ? value : undefined;
}

function readColumns(header: readonly string[]): { at: Map<PreviousColumn, number>; problems: RowProblem[] } {
  const at = new Map<PreviousColumn, number>();
  const problems: RowProblem[] = [];
  const known = PREVIOUS_COLUMNS.join(', ');
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    const column = PREVIOUS_COLUMNS.find((candidate) => candidate === name);
    if (column === undefined) problems.push({ row: 1, column: name === '' ? columnLetter(index) : raw.trim(), value: raw.trim(), expected: expecting('column_known', { columns: known }) });
    else if (at.has(column)) problems.push({ row: 1, column, value: raw.trim(), expected: expecting('column_once', { column: columnLetter(at.get(column) ?? 0) }) });
    else at.set(column, index);
  });
  for (const column of REQUIRED) if (!at.has(column)) problems.push({ row: 1, column, value: '', expected: expecting('column_named', { column, columns: known }) });
  return { at, problems };
}

/** The edition a table holds for `form`, the wording compared in `language` (by default the form's first: its title's first, in the flow's order of languages), or every problem. */
export function previousFromTable(form: EvaluationForm, table: Table, id: string, language = Object.keys(form.title)[0] ?? 'sq'): PreviousFileRead {
  const columns = readColumns(table.header);
  if (columns.problems.length > 0) return { problems: columns.problems };
  const scaleCodes = form.items.flatMap((item) => (item.kind === 'scale' ? [item.code] : []));
  const cell = (cells: readonly string[], column: PreviousColumn) => cells[columns.at.get(column) ?? -1]?.trim() ?? '';
  const problems: RowProblem[] = [];
  const items: Record<string, { topBoxOfAll: number; text?: Record<string, string> }> = {};
  const seen = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const code = cell(cells, 'code');
    const written = cell(cells, 'top_box_of_all');
    const wording = cell(cells, 'wording');
    const value = percentOf(written);
    if (!scaleCodes.includes(code)) problems.push({ row, column: 'code', value: code, expected: expecting('scale_item', { form: form.id, codes: scaleCodes.join(', ') }) });
    else if (seen.has(code)) problems.push({ row, column: 'code', value: code, expected: expecting('new_code', { row: seen.get(code) ?? 0 }) });
    if (value === undefined) problems.push({ row, column: 'top_box_of_all', value: written, expected: expecting('percent') });
    if (!seen.has(code)) seen.set(code, row);
    if (value !== undefined) items[code] = { topBoxOfAll: value, ...(wording === '' ? {} : { text: { [language]: wording } }) };
  }
  if (table.rows.length === 0) problems.push({ row: 2, column: 'code', value: '', expected: expecting('item_rows') });
  return problems.length > 0 ? { problems } : { previous: { kind: 'file', id, items } };
}

/** A previous-edition file (CSV or XLSX) read and checked: the edition, or why the file cannot be read, or every problem in it. */
export async function readPreviousFile(form: EvaluationForm, file: TableFile, id: string): Promise<PreviousFileRead | { problem: Expectation }> {
  const read = await readTable(file);
  return 'problem' in read ? read : previousFromTable(form, read.table, id);
}
