import { describe, expect, it } from 'vitest';
import { readSignInSheet, walkInProblems } from '../../../src/events/sign-in-sheet.js';
import type { Table } from '../../../src/shared/table-file.js';
import { inWords } from '../../support/expected.js';

const table = (header: string[], rows: string[][]): Table => ({ header, rows: rows.map((cells, i) => ({ row: i + 2, cells })) });

describe('a sign-in sheet', () => {
  it('needs only names and organisations, reading type and region when given, and reports the other columns', () => {
    const sheet = readSignInSheet(table(['Nr', 'Name', 'Organisation', 'Signature', 'Region'], [['1', 'Ana  Kola', 'BASHKIA FIER', 'A.K.', 'Fier']]), { withWalkIns: false });
    expect(sheet).toEqual({
      rows: [
        { row: 2, name: 'Ana Kola', nameKey: 'ana kola', organisation: 'BASHKIA FIER', organisationKey: 'bashkia fier', orgType: null, region: 'fier', written: { org_type: '', region: 'Fier' } },
      ],
      problems: [],
      ignoredColumns: ['Nr', 'Signature'],
    });
  });

  it('refuses rows without a name or an organisation, and, to add walk-ins, a sheet without type and region columns', () => {
    expect(
      inWords(
        readSignInSheet(
          table(
            ['name', 'organisation'],
            [
              ['', 'QTV'],
              ['Ben', ''],
            ],
          ),
          { withWalkIns: false },
        ).problems,
      ),
    ).toEqual([
      { row: 2, column: 'name', value: '', expected: 'the person’s name (the cell is empty)' },
      { row: 3, column: 'organisation', value: '', expected: 'the name of the organisation (the cell is empty)' },
    ]);
    expect(readSignInSheet(table(['name', 'organisation'], [['Ana', 'QTV']]), { withWalkIns: true }).problems.map((problem) => problem.column)).toEqual(['org_type', 'region']);
  });

  it('says what a walk-in lacks: a known type and region', () => {
    const [row] = readSignInSheet(table(['name', 'organisation', 'org_type', 'region'], [['Ana', 'QTV', 'club', '']]), { withWalkIns: true }).rows;
    if (!row) throw new Error('no row');
    expect(inWords(walkInProblems(row))).toEqual([
      { row: 2, column: 'org_type', value: 'club', expected: 'one of central_gov, local_gov, ngo, international, staff, other (to add this person, who is not on the list, as a walk-in)' },
      { row: 2, column: 'region', value: '', expected: expect.stringMatching(/^one of the 12 counties .* \(to add this person, who is not on the list, as a walk-in\)$/) },
    ]);
  });
});
