import { newId } from '../shared/ids.js';
import type { RowProblem } from './columns.js';
import { type Expectation, expecting } from './expectation.js';
import { type Attendance, type EventRecord, inviteeKey, type Organisation, type Participant, personKeyOf } from './model.js';
import { nameKey } from './normalise.js';
import { readSignInSheet, type SheetRow, walkInProblems } from './sign-in-sheet.js';
import type { EventPeopleStore } from './store.js';
import { readTable, type TableFile } from '../shared/table-file.js';

/**
 * Importing a typed-up paper sign-in sheet for one day. Each row is matched to an
 * invitee by name and organisation (case and spacing ignored), or to a walk-in added
 * before (by an earlier sheet or in the chat); a match is recorded present that day
 * (source `sheet`), once, however often the sheet is imported. Rows that match nobody
 * are reported, never guessed; with `addUnmatched` they are added as walk-ins, which
 * needs their org_type and region. A bad row and nothing is recorded.
 */

/** A sheet row that matched nobody (or, with addUnmatched, that was added as a walk-in). */
export interface SheetPerson {
  row: number;
  name: string;
  organisation: string;
}

export type AttendanceImport =
  | { kind: 'unreadable'; problem: Expectation }
  | { kind: 'invalid'; problems: RowProblem[]; ignoredColumns: string[] }
  | {
      kind: 'imported';
      day: number;
      /** Rows with a name and an organisation. */
      rows: number;
      /** Distinct people the rows matched (a person written twice counts once). */
      matched: number;
      /** Of those, how many were not yet recorded present that day. */
      recorded: number;
      alreadyRecorded: number;
      unmatched: SheetPerson[];
      walkInsAdded: SheetPerson[];
      ignoredColumns: string[];
    };

const personOf = (organisationKey: string, nameKey: string) => `${organisationKey}\n${nameKey}`;
const shown = (row: SheetRow): SheetPerson => ({ row: row.row, name: row.name, organisation: row.organisation });

export async function importAttendance(store: EventPeopleStore, event: EventRecord, file: TableFile, options: { day: number; addUnmatched?: boolean }, now: Date): Promise<AttendanceImport> {
  const read = await readTable(file);
  if ('problem' in read) return { kind: 'unreadable', problem: read.problem };
  const withWalkIns = options.addUnmatched === true;
  const sheet = readSignInSheet(read.table, { withWalkIns });
  if (sheet.problems.length > 0) return { kind: 'invalid', problems: sheet.problems, ignoredColumns: sheet.ignoredColumns };

  const [organisations, invitees, participants, attendance] = await Promise.all([store.organisations(event.id), store.invitees(event.id), store.participants(event.id), store.attendance(event.id)]);
  const orgsByKey = new Map(organisations.map((organisation) => [organisation.nameKey, organisation]));
  const orgKeyOf = new Map(organisations.map((organisation) => [organisation.id, organisation.nameKey]));
  const registered = new Map(participants.flatMap((participant) => (participant.inviteeId !== null && participant.deletedAt === null ? [[participant.inviteeId, participant.id]] : [])));
  // Who a row can be: an invitee, else a walk-in known by name (one who deleted their data is not).
  const known = new Map<string, { personKey: string; inviteeId: string | null; participantId: string | null }>();
  for (const participant of participants) {
    const organisationKey = participant.organisationId === null ? undefined : orgKeyOf.get(participant.organisationId);
    if (participant.inviteeId === null && participant.name !== null && organisationKey !== undefined) {
      known.set(personOf(organisationKey, nameKey(participant.name)), { personKey: personKeyOf(participant), inviteeId: null, participantId: participant.id });
    }
  }
  for (const invitee of invitees) {
    const organisationKey = orgKeyOf.get(invitee.organisationId);
    if (organisationKey !== undefined)
      known.set(personOf(organisationKey, invitee.nameKey), { personKey: inviteeKey(invitee.id), inviteeId: invitee.id, participantId: registered.get(invitee.id) ?? null });
  }

  const present = new Set(attendance.filter((row) => row.day === options.day).map((row) => row.personKey));
  const matched = new Set<string>();
  const toRecord: Attendance[] = [];
  const unmatched: SheetRow[] = [];
  for (const row of sheet.rows) {
    const person = known.get(personOf(row.organisationKey, row.nameKey));
    if (!person) {
      unmatched.push(row);
      continue;
    }
    if (matched.has(person.personKey)) continue;
    matched.add(person.personKey);
    if (!present.has(person.personKey)) toRecord.push({ id: newId(), eventId: event.id, ...person, day: options.day, source: 'sheet', at: now });
  }

  const walkIns = withWalkIns ? addWalkIns(event, unmatched, orgsByKey, options.day, now) : { problems: [], organisations: [], participants: [], attendance: [], added: [] };
  if (walkIns.problems.length > 0) return { kind: 'invalid', problems: walkIns.problems, ignoredColumns: sheet.ignoredColumns };
  await store.saveSheet({ newOrganisations: walkIns.organisations, newParticipants: walkIns.participants, attendance: [...toRecord, ...walkIns.attendance] });
  return {
    kind: 'imported',
    day: options.day,
    rows: sheet.rows.length,
    matched: matched.size,
    recorded: toRecord.length,
    alreadyRecorded: matched.size - toRecord.length,
    unmatched: withWalkIns ? [] : unmatched.map(shown),
    walkInsAdded: walkIns.added,
    ignoredColumns: sheet.ignoredColumns,
  };
}

/**
 * The unmatched rows as walk-ins, present that day: a person written twice is added
 * once; an organisation already on the lists keeps its type (the row may leave it
 * empty, and giving another is a problem); a new organisation needs a valid type, and
 * every walk-in a valid region.
 */
function addWalkIns(event: EventRecord, rows: readonly SheetRow[], orgsByKey: ReadonlyMap<string, Organisation>, day: number, now: Date) {
  const problems: RowProblem[] = [];
  const organisations = new Map<string, Organisation>();
  const people = new Set<string>();
  const participants: Participant[] = [];
  const attendance: Attendance[] = [];
  const added: SheetPerson[] = [];
  for (const row of rows) {
    const person = personOf(row.organisationKey, row.nameKey);
    if (people.has(person)) continue;
    const known = orgsByKey.get(row.organisationKey) ?? organisations.get(row.organisationKey);
    // An organisation on the lists has its type: the row need not repeat it, and must not contradict it.
    const rowProblems = walkInProblems(row).filter((problem) => !(known && problem.column === 'org_type' && row.written.org_type === ''));
    if (known && row.orgType !== null && known.orgType !== row.orgType) {
      rowProblems.push({ row: row.row, column: 'org_type', value: row.written.org_type, expected: expecting('listed_org_type', { type: known.orgType, organisation: known.name }) });
    }
    const orgType = known?.orgType ?? row.orgType;
    if (rowProblems.length > 0 || orgType === null || row.region === null) {
      problems.push(...rowProblems);
      continue;
    }
    let organisation = known;
    if (!organisation) {
      organisation = { id: newId(), eventId: event.id, name: row.organisation, nameKey: row.organisationKey, orgType };
      organisations.set(organisation.nameKey, organisation);
    }
    people.add(person);
    const participant: Participant = {
      id: newId(),
      eventId: event.id,
      inviteeId: null,
      name: row.name,
      organisationId: organisation.id,
      region: row.region,
      telegramKey: null,
      chatCipher: null,
      language: event.languages[0] ?? 'sq',
      source: 'sheet',
      registeredAt: now,
      leftAt: null,
      deletedAt: null,
    };
    participants.push(participant);
    attendance.push({ id: newId(), eventId: event.id, personKey: personKeyOf(participant), inviteeId: null, participantId: participant.id, day, source: 'sheet', at: now });
    added.push(shown(row));
  }
  return { problems, organisations: [...organisations.values()], participants, attendance, added };
}
