import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { participantProfile, type ProfilePerson } from '../../../src/events/profile.js';
import { profileTable } from '../../../src/events/profile-table.js';
import { percent, renderTableCsv, renderTableText } from '../../../src/reports/index.js';
import { packageRoot } from '../../../src/shared/paths.js';

/** `n` people of one type, spread over `orgs` organisations, the first `present` of them present. */
function people(orgType: ProfilePerson['orgType'], n: number, orgs: number, region: ProfilePerson['region'] = 'tirane'): ProfilePerson[] {
  return Array.from({ length: n }, (_, i) => ({ key: `${orgType}-${i}`, organisationKey: `${orgType}-org-${i % orgs}`, orgType, region }));
}

describe('the participant profile', () => {
  it('reproduces the 2006 table: 11, 46, 50, 12 and 13 participants; 37.9, 51.7, 69.4, 37.5 and 100.0% of invited; 56.2% in total', () => {
    const invited = [...people('central_gov', 29, 15), ...people('local_gov', 89, 70), ...people('ngo', 72, 36), ...people('international', 32, 31), ...people('staff', 13, 3)];
    const presentOf = (orgType: string, n: number) => invited.filter((person) => person.orgType === orgType).slice(0, n);
    const attended = [...presentOf('central_gov', 11), ...presentOf('local_gov', 46), ...presentOf('ngo', 50), ...presentOf('international', 12), ...presentOf('staff', 13)];
    const profile = participantProfile({ invited, attended }, 'org_type');
    expect(profile.rows.map((row) => [row.participants, row.pctOfInvited, row.pctOfParticipants])).toEqual([
      [11, 37.9, 8.3],
      [46, 51.7, 34.8],
      [50, 69.4, 37.9],
      [12, 37.5, 9.1],
      [13, 100, 9.8],
    ]);
    expect(profile.total).toMatchObject({ invitedPersons: 235, invitedOrgs: 155, participants: 132, pctOfInvited: 56.2, pctOfParticipants: 100 });
  });

  it('rounds half up to one decimal from integers, so a printed 56.11 for 132 of 235 can never come out', () => {
    expect(percent(132, 235)).toBe(56.2);
    expect(percent(11, 29)).toBe(37.9);
    expect(percent(3, 8)).toBe(37.5);
    expect(percent(1, 16)).toBe(6.3);
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 5)).toBe(0);
    expect(percent(5, 0)).toBeNull();
  });

  it('counts a person present on several days once, and organisations as distinct', () => {
    const invited = people('ngo', 4, 2);
    const [a, b] = invited;
    if (!a || !b) throw new Error('no people');
    const profile = participantProfile({ invited, attended: [a, a, b] }, 'org_type');
    expect(profile.rows).toEqual([{ orgType: 'ngo', invitedPersons: 4, invitedOrgs: 2, participants: 2, participatingOrgs: 2, pctOfInvited: 50, pctOfParticipants: 100 }]);
  });

  it('counts walk-ins as participants but not as invited; a type nobody was invited from has no % of invited', () => {
    const walkIn: ProfilePerson = { key: 'p:1', organisationKey: 'new', orgType: 'other', region: 'international' };
    const profile = participantProfile({ invited: people('ngo', 2, 1), attended: [walkIn] }, 'org_type');
    expect(profile.rows).toEqual([
      { orgType: 'ngo', invitedPersons: 2, invitedOrgs: 1, participants: 0, participatingOrgs: 0, pctOfInvited: 0, pctOfParticipants: 0 },
      { orgType: 'other', invitedPersons: 0, invitedOrgs: 0, participants: 1, participatingOrgs: 1, pctOfInvited: null, pctOfParticipants: 100 },
    ]);
    expect(profile.total).toEqual({ invitedPersons: 2, invitedOrgs: 1, participants: 1, participatingOrgs: 1, pctOfInvited: 50, pctOfParticipants: 100 });
  });

  it('by region: rows in the order of the counties, then national and international, leaving out regions with nobody', () => {
    const invited = [...people('ngo', 2, 1, 'vlore'), ...people('local_gov', 1, 1, 'berat'), ...people('international', 1, 1, 'international')];
    const profile = participantProfile({ invited, attended: invited.slice(0, 1) }, 'region');
    expect(profile.rows.map((row) => ('region' in row ? row.region : row.orgType))).toEqual(['berat', 'vlore', 'international']);
    expect(profile.rows[1]).toEqual({ region: 'vlore', invitedPersons: 2, invitedOrgs: 1, participants: 1, participatingOrgs: 1, pctOfInvited: 50, pctOfParticipants: 100 });
  });

  it('with nobody at all: no rows, zero totals and no percentages', () => {
    expect(participantProfile({ invited: [], attended: [] }, 'org_type')).toEqual({
      rows: [],
      total: { invitedPersons: 0, invitedOrgs: 0, participants: 0, participatingOrgs: 0, pctOfInvited: null, pctOfParticipants: null },
    });
  });

  it('renders as a table and as CSV with one decimal and a total row', () => {
    const profile = participantProfile({ invited: people('ngo', 3, 2), attended: people('ngo', 1, 1) }, 'org_type');
    expect(renderTableText(profileTable(profile, 'org_type', 'text'))).toEqual([
      'org type invited invited orgs participants participating orgs % of invited % of participants',
      'ngo            3            2            1                  1         33.3             100.0',
      'total          3            2            1                  1         33.3             100.0',
    ]);
    expect(renderTableCsv(profileTable(profile, 'org_type', 'csv'))).toBe(
      'org_type,invited_persons,invited_orgs,participants,participating_orgs,pct_of_invited,pct_of_participants\r\nngo,3,2,1,1,33.3,100.0\r\ntotal,3,2,1,1,33.3,100.0\r\n',
    );
  });

  it('is pure: it imports only the events model and the reports (for the one rounding of shares), and reads no clock', () => {
    const source = readFileSync(join(packageRoot, 'src/events/profile.ts'), 'utf8');
    expect([...source.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1])).toEqual(['../reports/index.js', './model.js']);
    expect(source).not.toMatch(/Date\.now\(|new Date\(|performance\.now/);
  });
});
