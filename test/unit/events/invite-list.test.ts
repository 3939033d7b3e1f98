import { describe, expect, it } from 'vitest';
import { readInviteList } from '../../../src/events/invite-list.js';
import type { Table } from '../../../src/shared/table-file.js';
import { inWords } from '../../support/expected.js';

const HEADER = ['name', 'organisation', 'org_type', 'region'];
const table = (rows: string[][], header = HEADER): Table => ({ header, rows: rows.map((cells, i) => ({ row: i + 2, cells })) });
const read = (rows: string[][], header?: string[]) => readInviteList(table(rows, header));

describe('an invitation list', () => {
  it('reads valid rows, cleaning spacing and recognising people and organisations without case or spacing', () => {
    const list = read([['  Ana   Kola ', 'Qendra  "Tjetër Vizion"', 'ngo', 'tirane']]);
    expect(list).toEqual({
      rows: [{ row: 2, name: 'Ana Kola', nameKey: 'ana kola', organisation: 'Qendra "Tjetër Vizion"', organisationKey: 'qendra "tjetër vizion"', orgType: 'ngo', region: 'tirane', contact: null }],
      problems: [],
      ignoredColumns: [],
    });
  });

  it('reads header names without case or surrounding spaces, in any order, and reports the columns it ignores', () => {
    const list = read([['ngo', 'Ana', 'x', 'Vlorë', 'QTV', 'ana@example.org']], [' ORG_TYPE', 'Name', 'Phone', 'Region ', 'Organisation', 'Contact']);
    expect(inWords(list.problems)).toEqual([]);
    expect(list.rows[0]).toMatchObject({ name: 'Ana', organisation: 'QTV', orgType: 'ngo', region: 'vlore', contact: 'ana@example.org' });
    expect(list.ignoredColumns).toEqual(['Phone']);
  });

  it('reports text in a column without a name, which would otherwise be lost', () => {
    expect(read([['Ana', 'QTV', 'ngo', 'fier', 'a note']]).ignoredColumns).toEqual(['column E (no name in row 1)']);
  });

  it('refuses a header without a required column, or with a column twice, before reading any row', () => {
    const list = read([['Ana', 'QTV', 'ngo']], ['name', 'organisation', 'Name', 'type']);
    expect(list.rows).toEqual([]);
    expect(inWords(list.problems)).toEqual([
      { row: 1, column: 'name', value: 'Name', expected: 'each column once (also in column A)' },
      { row: 1, column: 'org_type', value: '', expected: 'a column named org_type (the first row names the columns: name, organisation, org_type, region, contact)' },
      { row: 1, column: 'region', value: '', expected: 'a column named region (the first row names the columns: name, organisation, org_type, region, contact)' },
    ]);
    expect(list.ignoredColumns).toEqual(['type']);
  });

  it.each([
    ['name', ['', 'QTV', 'ngo', 'fier'], '', 'the person’s name (the cell is empty)'],
    ['name', ['x'.repeat(201), 'QTV', 'ngo', 'fier'], 'x'.repeat(201), 'the person’s name of at most 200 characters'],
    ['organisation', ['Ana', '   ', 'ngo', 'fier'], '   ', 'the name of the organisation (the cell is empty)'],
    ['org_type', ['Ana', 'QTV', 'NGO?', 'fier'], 'NGO?', 'one of central_gov, local_gov, ngo, international, staff, other'],
    ['org_type', ['Ana', 'QTV', '', 'fier'], '', 'one of central_gov, local_gov, ngo, international, staff, other'],
    [
      'region',
      ['Ana', 'QTV', 'ngo', 'Fieri'],
      'Fieri',
      'one of the 12 counties (berat, diber, durres, elbasan, fier, gjirokaster, korce, kukes, lezhe, shkoder, tirane, vlore), national or international',
    ],
    ['region', ['Ana', 'QTV', 'ngo', ''], '', 'one of the 12 counties (berat, diber, durres, elbasan, fier, gjirokaster, korce, kukes, lezhe, shkoder, tirane, vlore), national or international'],
    ['contact', ['Ana', 'QTV', 'ngo', 'fier', 'x'.repeat(201)], 'x'.repeat(201), 'a contact of at most 200 characters, or nothing'],
  ])('reports a bad %s with the row, the value and what was expected', (column, cells, value, expected) => {
    const list = read([cells], [...HEADER, 'contact']);
    expect(list.rows).toEqual([]);
    expect(inWords(list.problems)).toEqual([{ row: 2, column, value, expected }]);
  });

  it('reports every problem of every row, not only the first', () => {
    const list = read([
      ['', '', 'x', 'y'],
      ['Ana', 'QTV', 'ngo', 'fier'],
      ['Ben', 'QTV', 'ngo', 'mars'],
    ]);
    expect(list.problems.map((problem) => `${problem.row}:${problem.column}`)).toEqual(['2:name', '2:organisation', '2:org_type', '2:region', '4:region']);
    expect(list.rows.map((row) => row.name)).toEqual(['Ana']);
  });

  it('reads codes without case, accents or spacing: Korçë is korce, "Local gov" is local_gov', () => {
    const list = read([
      ['Ana', 'A', 'Local gov', 'Korçë'],
      ['Ben', 'B', 'CENTRAL-GOV', 'Gjirokastër'],
      ['Cen', 'C', 'International', 'INTERNATIONAL'],
      ['Dea', 'D', ' staff ', 'National'],
    ]);
    expect(inWords(list.problems)).toEqual([]);
    expect(list.rows.map((row) => [row.orgType, row.region])).toEqual([
      ['local_gov', 'korce'],
      ['central_gov', 'gjirokaster'],
      ['international', 'international'],
      ['staff', 'national'],
    ]);
  });

  it('refuses the same person twice and an organisation given two types, pointing at the earlier row', () => {
    const list = read([
      ['Ana Kola', 'Bashkia Fier', 'local_gov', 'fier'],
      ['ANA  KOLA', ' bashkia fier', 'local_gov', 'fier'],
      ['Ben Leka', 'BASHKIA FIER', 'ngo', 'fier'],
      ['Cen Nika', 'Bashkia  Fier', 'local_gov', 'vlore'],
    ]);
    expect(inWords(list.problems)).toEqual([
      { row: 3, column: 'name', value: 'ANA  KOLA', expected: 'a person not on the list yet (row 2 has the same name and organisation)' },
      { row: 4, column: 'org_type', value: 'ngo', expected: 'local_gov, as this organisation is in row 2' },
    ]);
    expect(list.rows.map((row) => row.row)).toEqual([2, 5]);
  });

  it('keeps the same name in two organisations as two people, and does not take a name without its accents for the same', () => {
    const list = read([
      ['Ana Kola', 'Bashkia Fier', 'local_gov', 'fier'],
      ['Ana Kola', 'Qendra Tjetër Vizion', 'ngo', 'fier'],
      ['Ana Kola', 'Qendra Tjeter Vizion', 'ngo', 'fier'],
    ]);
    expect(inWords(list.problems)).toEqual([]);
    expect(new Set(list.rows.map((row) => row.organisationKey)).size).toBe(3);
  });
});
