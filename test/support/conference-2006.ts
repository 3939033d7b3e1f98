import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { REGIONS } from '../../src/shared/regions.js';
import { toCsv } from '../../src/reports/index.js';

/**
 * An invitation list and sign-in sheets shaped like the 2006 national conference
 * (the 2006 conference report, participant table): 235 persons invited from 155 organisations of five types, 132 of them
 * present from 97 organisations (94 without the staff's 3, as the report counts).
 * The report gives persons per type but not organisations per type; the organisation
 * counts below are chosen to add up to its totals (NGOs: 36 invited, 34 participating,
 * as the example).
 */
export const CONFERENCE_2006 = [
  { orgType: 'central_gov', invited: 29, orgs: 15, present: 11, presentOrgs: 8, org: 'Ministria', region: () => 'national' },
  { orgType: 'local_gov', invited: 89, orgs: 70, present: 46, presentOrgs: 40, org: 'Bashkia', region: (i: number) => REGIONS[i % REGIONS.length] ?? 'tirane' },
  { orgType: 'ngo', invited: 72, orgs: 36, present: 50, presentOrgs: 34, org: 'Qendra OJF', region: (i: number) => (i % 4 === 0 ? 'national' : (REGIONS[i % REGIONS.length] ?? 'tirane')) },
  { orgType: 'international', invited: 32, orgs: 31, present: 12, presentOrgs: 12, org: 'Organizata Ndërkombëtare', region: () => 'international' },
  { orgType: 'staff', invited: 13, orgs: 3, present: 13, presentOrgs: 3, org: 'Stafi i Konferencës', region: () => 'national' },
] as const;

const FIRST = [
  'Arbër',
  'Elona',
  'Gentiana',
  'Dritan',
  'Ermira',
  'Fatos',
  'Blerina',
  'Ilir',
  'Jonida',
  'Kujtim',
  'Lindita',
  'Mimoza',
  'Nexhat',
  'Orjeta',
  'Përparim',
  'Rudina',
  'Sokol',
  'Teuta',
  'Valbona',
  'Zef',
];
const LAST = [
  'Çela',
  'Hoxha',
  'Kola',
  'Dervishi',
  'Gjoka',
  'Leka',
  'Marku',
  'Nika',
  'Prifti',
  'Shehu',
  'Tafaj',
  'Xhafa',
  'Zeneli',
  'Bregu',
  'Dushku',
  'Ëngjëlli',
  'Frashëri',
  'Gashi',
  'Jashari',
  'Krasniqi',
];

export interface Person {
  name: string;
  organisation: string;
  orgType: string;
  region: string;
}

/** Every invitee, and the 132 who came: in each type, people of the first `presentOrgs` organisations. */
export function conference2006(): { invited: Person[]; present: Person[] } {
  const invited: Person[] = [];
  const present: Person[] = [];
  let n = 0;
  for (const type of CONFERENCE_2006) {
    // People go round the organisations, so each organisation has at least one.
    const people = Array.from({ length: type.invited }, (_, i) => {
      const person = { name: `${FIRST[n % 20]} ${LAST[Math.floor(n / 20) % 20]}`, organisation: `${type.org} ${(i % type.orgs) + 1}`, orgType: type.orgType, region: type.region(i % type.orgs) };
      n += 1;
      return { person, org: i % type.orgs, round: Math.floor(i / type.orgs) };
    });
    invited.push(...people.map(({ person }) => person));
    // One person of each of the first presentOrgs organisations, then more of the same organisations.
    const fromPresentOrgs = people.filter(({ org }) => org < type.presentOrgs).sort((a, b) => a.round - b.round || a.org - b.org);
    present.push(...fromPresentOrgs.slice(0, type.present).map(({ person }) => person));
  }
  return { invited, present };
}

/** A CSV file as Excel's "CSV UTF-8" writes it: a byte-order mark, CRLF, quotes where needed. */
export function writeCsv(path: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  writeFileSync(path, `\uFEFF${toCsv([header, ...rows])}`, 'utf8');
}

export async function writeXlsx(path: string, header: readonly string[], rows: readonly (readonly string[])[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('List');
  sheet.addRow([...header]);
  for (const row of rows) sheet.addRow([...row]);
  await workbook.xlsx.writeFile(path);
}

/** Rows of an invitation list in the columns name, organisation, org_type, region. */
export const inviteRows = (people: readonly Person[]): string[][] => people.map((person) => [person.name, person.organisation, person.orgType, person.region]);

/**
 * Rows of a sign-in sheet as typed up from paper: columns in another order, a
 * signature column Ura ignores, and names typed in other case and spacing (which
 * still match).
 */
export const SHEET_HEADER = ['Organisation', 'Name', 'Signature'];
export const sheetRows = (people: readonly Person[]): string[][] =>
  people.map((person, i) => [i % 3 === 0 ? person.organisation.toUpperCase() : person.organisation, i % 5 === 0 ? ` ${person.name.replace(' ', '   ')} ` : person.name, 'signed']);
