import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { conference2006, writeCsv } from '../support/conference-2006.js';
import { scratchDir } from '../support/events.js';
import { runUra } from '../support/ura-process.js';

// `ura seating` as a facilitator runs it on the 2006 room: 132 people, 33 hosts, tables of 4.
// Each command is a process of its own; under load one can take seconds: nothing here measures time.
const TIMEOUT = 120_000;
const HEADER = ['id', 'name', 'org_type', 'region', 'host'];

const dir = scratchDir();
const seating = (...args: string[]) => runUra(['seating', ...args], { cwd: dir, env: { ...process.env, DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', LOG_LEVEL: 'silent' } });
const rows = conference2006().present.map((person, i) => [`p${i + 1}`, person.name, person.orgType, person.region, i % 4 === 0 ? 'true' : 'false']);

beforeAll(() => {
  writeCsv(join(dir, 'room.csv'), HEADER, rows);
  writeCsv(join(dir, 'bad.csv'), HEADER, [...rows.slice(0, 3), ['p4', 'Ilir Leka', 'municipality', 'fier', 'yes'], ['p1', 'Ana Kola', 'ngo', 'fier', 'false']]);
});

describe('ura seating', () => {
  it(
    'seats the 2006 room, 33 hosts at tables of 4 for 3 rounds, with nobody meeting twice and no traveller back at a table',
    async () => {
      const run = await seating('--participants', join(dir, 'room.csv'), '--table-size', '4', '--rounds', '3', '--seed', '2006');
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const plan = JSON.parse(run.stdout);
      expect(plan.metrics).toMatchObject({ repeatedPairs: 0, maxMeetings: 1, uniqueContacts: { min: 9, mean: 9 } });
      const hosts = rows.filter((row) => row[4] === 'true').map((row) => row[0]);
      const visited = new Map<string, number[]>();
      for (const round of plan.rounds) {
        expect(round.tables.map((table: { host: string }) => table.host)).toEqual(hosts);
        for (const table of round.tables) for (const id of table.members.slice(1)) visited.set(id, [...(visited.get(id) ?? []), table.table]);
      }
      expect(visited.size).toBe(99);
      for (const tables of visited.values()) expect(new Set(tables).size).toBe(3);
      const again = await seating('--participants', join(dir, 'room.csv'), '--table-size', '4', '--rounds', '3', '--seed', '2006', '--format', 'csv');
      expect(again.status).toBe(0);
      const lines = again.stdout.trim().split('\r\n');
      expect(lines[0]).toBe('round,table,id,name,host');
      expect(lines).toHaveLength(1 + 3 * 132);
      expect(lines[1]).toBe(`1,1,p1,${rows[0]![1]},true`);
      expect(again.stderr).toContain('repeated pairs 0, most meetings of a pair 1');
    },
    TIMEOUT,
  );

  it(
    'refuses a list with bad rows, naming each, and a request that cannot be met, saying why (exit code 2)',
    async () => {
      const bad = await seating('--participants', join(dir, 'bad.csv'), '--table-size', '4', '--rounds', '3');
      expect(bad.status).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toContain('row 5, org_type "municipality": expected one of central_gov, local_gov, ngo, international, staff, other');
      expect(bad.stderr).toContain('row 5, host "yes": expected true (a host, who stays at a table) or false (a traveller)');
      expect(bad.stderr).toContain('row 6, id "p1": expected an id no other row has (row 2 has it)');
      const hosts = await seating('--participants', join(dir, 'room.csv'), '--table-size', '5', '--rounds', '3');
      expect(hosts.status).toBe(2);
      expect(hosts.stderr).toContain('33 hosts for 27 tables: each table has one host');
      const tooMany = await seating('--participants', join(dir, 'room.csv'), '--table-size', '4', '--rounds', '3', '--tables', '20');
      expect(tooMany.status).toBe(2);
      expect(tooMany.stderr).toContain('132 people do not fit at 20 tables of 4');
      const few = await seating('--participants', join(dir, 'room.csv'), '--table-size', '1', '--rounds', '3', '--tables', '200');
      expect(few.status).toBe(2);
      expect(few.stderr).toContain('a table seats at least 2 people');
      expect(few.stderr).toContain('132 people cannot fill 200 tables');
    },
    TIMEOUT,
  );
});
