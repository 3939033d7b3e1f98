import { newId } from '../shared/ids.js';
import type { RowProblem } from './columns.js';
import type { Expectation } from './expectation.js';
import { type InviteRow, readInviteList } from './invite-list.js';
import type { Invitee, Organisation } from './model.js';
import type { EventPeopleStore, InviteChanges } from './store.js';
import { readTable, type TableFile } from '../shared/table-file.js';

/**
 * Importing an invitation list. Any bad row and nothing is imported, every problem
 * listed (unless `skipInvalid`: then the valid rows are, and the others listed).
 *
 * Importing again *merges* by person: someone is the same invitee when the name and
 * the organisation match (case and spacing ignored). Their region and contact take
 * the new list's values, a changed organisation type is the organisation's new type,
 * and people on earlier lists but not on this one stay (counted as `notInFile`).
 * Merging rather than replacing because participants register as an invitee, and a
 * sign-in sheet marks invitees present: replacing the list would cut those links. A
 * list sent in parts (one per region) is imported part by part.
 */
export type InviteImport =
  | { kind: 'unreadable'; problem: Expectation }
  | { kind: 'invalid'; problems: RowProblem[]; ignoredColumns: string[] }
  | {
      kind: 'imported';
      /** Valid rows taken from the file. */
      rows: number;
      added: number;
      updated: number;
      unchanged: number;
      organisationsAdded: number;
      /** Invitees of earlier imports that this file does not list; they stay invited. */
      notInFile: number;
      /** With skipInvalid: the rows left out, and why. */
      skipped: RowProblem[];
      ignoredColumns: string[];
    };

interface Plan extends InviteChanges {
  unchanged: number;
  notInFile: number;
}

/** What the rows change on the event's lists: pure, given what is stored. */
export function planInvites(eventId: string, rows: readonly InviteRow[], organisations: readonly Organisation[], invitees: readonly Invitee[], now: Date): Plan {
  const orgs = new Map(organisations.map((organisation) => [organisation.nameKey, organisation]));
  const newOrganisations: Organisation[] = [];
  const changedOrganisations = new Map<string, Organisation>();
  const people = new Map(invitees.map((invitee) => [`${invitee.organisationId}\n${invitee.nameKey}`, invitee]));
  const listed = new Set<string>();
  const newInvitees: Invitee[] = [];
  const changedInvitees: Invitee[] = [];
  let unchanged = 0;
  for (const row of rows) {
    let organisation = orgs.get(row.organisationKey);
    if (!organisation) {
      organisation = { id: newId(), eventId, name: row.organisation, nameKey: row.organisationKey, orgType: row.orgType };
      orgs.set(organisation.nameKey, organisation);
      newOrganisations.push(organisation);
    } else if (organisation.orgType !== row.orgType) {
      organisation = { ...organisation, orgType: row.orgType };
      orgs.set(organisation.nameKey, organisation);
      changedOrganisations.set(organisation.id, organisation);
    }
    const key = `${organisation.id}\n${row.nameKey}`;
    listed.add(key);
    const known = people.get(key);
    if (!known) {
      newInvitees.push({ id: newId(), eventId, name: row.name, nameKey: row.nameKey, organisationId: organisation.id, region: row.region, contact: row.contact, createdAt: now, updatedAt: now });
    } else if (known.region !== row.region || known.contact !== row.contact) {
      changedInvitees.push({ ...known, region: row.region, contact: row.contact, updatedAt: now });
    } else {
      unchanged += 1;
    }
  }
  const notInFile = invitees.filter((invitee) => !listed.has(`${invitee.organisationId}\n${invitee.nameKey}`)).length;
  return { newOrganisations, changedOrganisations: [...changedOrganisations.values()], newInvitees, changedInvitees, unchanged, notInFile };
}

export async function importInvites(store: EventPeopleStore, eventId: string, file: TableFile, options: { skipInvalid?: boolean }, now: Date): Promise<InviteImport> {
  const read = await readTable(file);
  if ('problem' in read) return { kind: 'unreadable', problem: read.problem };
  const list = readInviteList(read.table);
  const headerBroken = list.problems.some((problem) => problem.row === 1);
  if (list.problems.length > 0 && (headerBroken || !options.skipInvalid)) return { kind: 'invalid', problems: list.problems, ignoredColumns: list.ignoredColumns };
  const [organisations, invitees] = await Promise.all([store.organisations(eventId), store.invitees(eventId)]);
  const plan = planInvites(eventId, list.rows, organisations, invitees, now);
  const { unchanged, notInFile, ...changes } = plan;
  await store.saveInvites(changes);
  return {
    kind: 'imported',
    rows: list.rows.length,
    added: changes.newInvitees.length,
    updated: changes.changedInvitees.length,
    unchanged,
    organisationsAdded: changes.newOrganisations.length,
    notInFile,
    skipped: list.problems,
    ignoredColumns: list.ignoredColumns,
  };
}
