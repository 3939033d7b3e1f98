import { z } from 'zod';
import { cellOf, readHeader, type RowProblem, unnamedCells } from './columns.js';
import { expecting } from './expectation.js';
import { contact, fieldExpectation, organisationName, orgType, personName, region } from './list-fields.js';
import type { InviteRegion, OrgType } from './model.js';
import { nameKey } from './normalise.js';
import type { Table } from '../shared/table-file.js';

/**
 * An invitation list read and checked row by row, with no I/O: every problem is found
 * (not only the first), so that the organiser fixes the file once.
 */

export const INVITE_COLUMNS = ['name', 'organisation', 'org_type', 'region', 'contact'] as const;
type InviteColumn = (typeof INVITE_COLUMNS)[number];
const REQUIRED: readonly InviteColumn[] = ['name', 'organisation', 'org_type', 'region'];

/** A valid row: the texts cleaned (spacing collapsed), with the keys that recognise the person and the organisation. */
export interface InviteRow {
  row: number;
  name: string;
  nameKey: string;
  organisation: string;
  organisationKey: string;
  orgType: OrgType;
  region: InviteRegion;
  contact: string | null;
}

export interface InviteList {
  /** The rows without problems, in file order. */
  rows: InviteRow[];
  /** Every problem, by row then column; a header problem (row 1) leaves no rows. */
  problems: RowProblem[];
  /** Columns the list has that Ura does not read, as written. */
  ignoredColumns: string[];
}

const rowSchema = z.object({ name: personName, organisation: organisationName, org_type: orgType, region, contact });

export function readInviteList(table: Table): InviteList {
  const columns = readHeader(table.header, INVITE_COLUMNS, REQUIRED);
  const ignoredColumns = [...columns.ignored, ...unnamedCells(table.rows, table.header)];
  if (columns.problems.length > 0) return { rows: [], problems: columns.problems, ignoredColumns };

  const rows: InviteRow[] = [];
  const problems: RowProblem[] = [];
  const people = new Map<string, number>();
  const organisations = new Map<string, { row: number; orgType: OrgType }>();
  for (const row of table.rows) {
    const cells = Object.fromEntries(INVITE_COLUMNS.map((column) => [column, cellOf(row, columns, column)]));
    const parsed = rowSchema.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0]);
        problems.push({ row: row.row, column, value: cells[column] ?? '', expected: fieldExpectation(issue.message) });
      }
      continue;
    }
    const { name, organisation, org_type, region: from, contact: reach } = parsed.data;
    const valid: InviteRow = { row: row.row, name, nameKey: nameKey(name), organisation, organisationKey: nameKey(organisation), orgType: org_type, region: from, contact: reach };
    const person = `${valid.organisationKey}\n${valid.nameKey}`;
    const earlier = people.get(person);
    if (earlier !== undefined) {
      problems.push({ row: row.row, column: 'name', value: cells.name ?? '', expected: expecting('new_person', { row: earlier }) });
      continue;
    }
    const known = organisations.get(valid.organisationKey);
    if (known && known.orgType !== valid.orgType) {
      problems.push({ row: row.row, column: 'org_type', value: cells.org_type ?? '', expected: expecting('same_org_type', { type: known.orgType, row: known.row }) });
      continue;
    }
    people.set(person, row.row);
    if (!known) organisations.set(valid.organisationKey, { row: row.row, orgType: valid.orgType });
    rows.push(valid);
  }
  return { rows, problems, ignoredColumns };
}
