import { z } from 'zod';
import { cellOf, readHeader, type RowProblem, unnamedCells } from './columns.js';
import { expecting } from './expectation.js';
import { fieldExpectation, organisationName, orgType, personName, region } from './list-fields.js';
import type { InviteRegion, OrgType } from './model.js';
import { nameKey } from './normalise.js';
import type { Table } from '../shared/table-file.js';

/**
 * A paper sign-in sheet, typed up: who was there, by name and organisation. Matching
 * to the invitation list happens later (events.ts); here each row is only checked.
 * `org_type` and `region` are read when the organiser asks to add the people not on
 * the list as walk-ins: then a row without them is a problem, as nobody would know
 * how to count that person.
 */

export const SHEET_COLUMNS = ['name', 'organisation', 'org_type', 'region'] as const;
type SheetColumn = (typeof SHEET_COLUMNS)[number];

export interface SheetRow {
  row: number;
  name: string;
  nameKey: string;
  organisation: string;
  organisationKey: string;
  /** Given (and valid) or not; required only to add the person as a walk-in. */
  orgType: OrgType | null;
  region: InviteRegion | null;
  /** What the row says in org_type and region, for the problems of a walk-in. */
  written: { org_type: string; region: string };
}

export interface SignInSheet {
  rows: SheetRow[];
  problems: RowProblem[];
  ignoredColumns: string[];
}

const rowSchema = z.object({ name: personName, organisation: organisationName });
const optional = <T>(schema: z.ZodType<T>, value: string): T | null => (value === '' ? null : (schema.safeParse(value).data ?? null));

/** Reads every row; `withWalkIns` makes org_type and region required columns (they are checked per row where needed). */
export function readSignInSheet(table: Table, options: { withWalkIns: boolean }): SignInSheet {
  const required: SheetColumn[] = options.withWalkIns ? [...SHEET_COLUMNS] : ['name', 'organisation'];
  const columns = readHeader(table.header, SHEET_COLUMNS, required);
  const ignoredColumns = [...columns.ignored, ...unnamedCells(table.rows, table.header)];
  if (columns.problems.length > 0) return { rows: [], problems: columns.problems, ignoredColumns };
  const rows: SheetRow[] = [];
  const problems: RowProblem[] = [];
  for (const row of table.rows) {
    const cells = Object.fromEntries(SHEET_COLUMNS.map((column) => [column, cellOf(row, columns, column)]));
    const parsed = rowSchema.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ row: row.row, column: String(issue.path[0]), value: cells[String(issue.path[0])] ?? '', expected: fieldExpectation(issue.message) });
      continue;
    }
    const written = { org_type: cells.org_type ?? '', region: cells.region ?? '' };
    const { name, organisation } = parsed.data;
    rows.push({
      row: row.row,
      name,
      nameKey: nameKey(name),
      organisation,
      organisationKey: nameKey(organisation),
      orgType: optional(orgType, written.org_type),
      region: optional(region, written.region),
      written,
    });
  }
  return { rows, problems, ignoredColumns };
}

/** The problems of a row to be added as a walk-in: its type and region must be valid. */
export function walkInProblems(row: SheetRow): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const [column, schema] of [
    ['org_type', orgType],
    ['region', region],
  ] as const) {
    const result = schema.safeParse(row.written[column]);
    if (!result.success) problems.push({ row: row.row, column, value: row.written[column], expected: expecting('walk_in', { field: fieldExpectation(result.error.issues[0]?.message ?? column) }) });
  }
  return problems;
}
