import { z } from 'zod';
import { cellOf, readHeader, type RowProblem, unnamedCells } from '../columns.js';
import { type Expectation, expecting } from '../expectation.js';
import { fieldExpectation, orgType, personName, region } from '../list-fields.js';
import { readTable, type TableFile } from '../../shared/table-file.js';
import type { SeatingPerson } from './model.js';

/**
 * The people to seat, from a CSV (or XLSX) file with the columns id, name, org_type,
 * region and host, checked row by row as the invitation list is: every problem found,
 * each with its row, column, value and what was expected, and no plan from a list with
 * any problem (a person left out would find no seat at the café).
 */

export const SEATING_COLUMNS = ['id', 'name', 'org_type', 'region', 'host'] as const;

const MAX_ID = 100;

const id = z
  .string()
  .transform((text) => text.trim())
  .pipe(z.string().min(1, 'id').max(MAX_ID, 'id_length'));

const host = z
  .string()
  .transform((text) => text.trim().toLowerCase())
  .pipe(z.enum(['true', 'false'], { error: 'host' }))
  .transform((text) => text === 'true');

/** The expectation of a seating list's own columns, or of a field it shares with the invitation list. */
function seatingExpectation(message: string): Expectation {
  if (message === 'id') return expecting('id');
  if (message === 'id_length') return expecting('id_length', { max: MAX_ID });
  if (message === 'host') return expecting('host');
  return fieldExpectation(message);
}

const rowSchema = z.object({ id, name: personName, org_type: orgType, region, host });

export type SeatingList =
  | { kind: 'unreadable'; problem: Expectation }
  | { kind: 'invalid'; problems: RowProblem[]; ignoredColumns: string[] }
  | { kind: 'read'; people: SeatingPerson[]; ignoredColumns: string[] };

export async function readSeatingList(file: TableFile): Promise<SeatingList> {
  const read = await readTable(file);
  if ('problem' in read) return { kind: 'unreadable', problem: read.problem };
  const { table } = read;
  const columns = readHeader(table.header, SEATING_COLUMNS, SEATING_COLUMNS);
  const ignoredColumns = [...columns.ignored, ...unnamedCells(table.rows, table.header)];
  if (columns.problems.length > 0) return { kind: 'invalid', problems: columns.problems, ignoredColumns };
  const people: SeatingPerson[] = [];
  const problems: RowProblem[] = [];
  const rowOfId = new Map<string, number>();
  for (const row of table.rows) {
    const cells = Object.fromEntries(SEATING_COLUMNS.map((column) => [column, cellOf(row, columns, column)]));
    const parsed = rowSchema.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ row: row.row, column: String(issue.path[0]), value: cells[String(issue.path[0])] ?? '', expected: seatingExpectation(issue.message) });
      continue;
    }
    const earlier = rowOfId.get(parsed.data.id);
    if (earlier !== undefined) {
      problems.push({ row: row.row, column: 'id', value: cells.id ?? '', expected: expecting('new_id', { row: earlier }) });
      continue;
    }
    rowOfId.set(parsed.data.id, row.row);
    people.push({ id: parsed.data.id, name: parsed.data.name, orgType: parsed.data.org_type, region: parsed.data.region, host: parsed.data.host });
  }
  if (problems.length > 0) return { kind: 'invalid', problems, ignoredColumns };
  return { kind: 'read', people, ignoredColumns };
}
