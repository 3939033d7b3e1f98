import type { Table } from '../reports/index.js';
import type { Profile, ProfileCounts, ProfileDimension, ProfileRow } from './profile.js';

/**
 * The profile as a reports table, for the terminal and CSV. The headers are English,
 * as every `ura` command prints (the organisers' pages translate theirs from the
 * events namespace, profile.*); the type and region codes stay codes, which a
 * spreadsheet can sort and filter.
 */

const pct = (value: number | null): string | null => (value === null ? null : value.toFixed(1));
const figures = (counts: ProfileCounts) => [counts.invitedPersons, counts.invitedOrgs, counts.participants, counts.participatingOrgs, pct(counts.pctOfInvited), pct(counts.pctOfParticipants)];
const labelOf = (row: ProfileRow): string => ('orgType' in row ? row.orgType : row.region);

const TEXT_LABELS = ['invited', 'invited orgs', 'participants', 'participating orgs', '% of invited', '% of participants'];
const CSV_LABELS = ['invited_persons', 'invited_orgs', 'participants', 'participating_orgs', 'pct_of_invited', 'pct_of_participants'];

export function profileTable(profile: Profile, by: ProfileDimension, style: 'text' | 'csv'): Table {
  const labels = style === 'text' ? TEXT_LABELS : CSV_LABELS;
  return {
    columns: [{ label: style === 'text' ? by.replace('_', ' ') : by }, ...labels.map((label) => ({ label, align: 'right' as const }))],
    rows: [...profile.rows.map((row) => [labelOf(row), ...figures(row)]), ['total', ...figures(profile.total)]],
  };
}
