import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { wallClock } from '../../src/shared/zone.js';
import { writeCsv } from '../support/conference-2006.js';
import { scratchDir } from '../support/events.js';
import { runUra, type UraRun } from '../support/ura-process.js';

// `ura events cafe plan` and `ura events themes` as facilitators run them, each a process
// of its own on its own SQLite database. Generous timeouts; nothing here measures time.
const TIMEOUT = 120_000;

const dir = scratchDir();
const ura = (...args: string[]): Promise<UraRun> =>
  runUra(['events', ...args], { cwd: dir, env: { ...process.env, DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', TELEGRAM_API_ROOT: '', APP_TIMEZONE: 'Europe/Tirane', LOG_LEVEL: 'silent' } });

const NAMES = ['Arta Hoxha', 'Besnik Rama', 'Drita Kola', 'Elira Meta', 'Fatos Lika', 'Gent Shehu', 'Hana Basha', 'Ilir Leka', 'Jonida Pema', 'Klodi Marku', 'Lule Duka', 'Mira Gjoni'];
let joinCode = '';

beforeAll(async () => {
  // The event is today in Tirana, so that the sheet's day 1 is the day the café seats.
  const today = wallClock(new Date(), 'Europe/Tirane');
  const starts = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`;
  const created = await ura('create', '--name', 'Konferenca', '--starts', starts, '--template', 'annual-conference', '--json');
  joinCode = JSON.parse(created.stdout).joinCode;
  const types = ['ngo', 'central_gov', 'local_gov', 'international'];
  writeCsv(
    join(dir, 'day1.csv'),
    ['name', 'organisation', 'org_type', 'region'],
    NAMES.map((name, index) => [name, `Org ${index % 4}`, types[index % 4] ?? 'ngo', 'tirane']),
  );
  const sheet = await ura('attendance', 'import', joinCode, '--file', join(dir, 'day1.csv'), '--day', '1', '--add-unmatched');
  expect(sheet.status).toBe(0);
}, TIMEOUT);

describe('ura events cafe and themes', () => {
  it(
    'plans the World Café tables with the hosts the facilitators name, the same way for the same seed',
    async () => {
      const planned = await ura('cafe', 'plan', joinCode, '--hosts', 'Arta Hoxha, drita kola', '--seed', '7', '--json');
      expect(planned.stderr).toBe('');
      expect(planned.status).toBe(0);
      const plan = JSON.parse(planned.stdout) as { fromRound: number; people: number; rounds: { round: number; tables: { table: number; host: string; members: string[] }[] }[] };
      expect(plan).toMatchObject({ fromRound: 1, people: 12 });
      expect(plan.rounds.map((round) => round.round)).toEqual([1, 2, 3]);
      const hosts = plan.rounds[0]?.tables.map((table) => table.host);
      expect(hosts).toEqual(expect.arrayContaining(['Arta Hoxha', 'Drita Kola']));
      for (const round of plan.rounds) {
        // Hosts stay at their tables every round.
        expect(round.tables.map((table) => table.host)).toEqual(hosts);
        expect(round.tables.flatMap((table) => table.members).sort()).toEqual([...NAMES].sort());
      }
      const again = await ura('cafe', 'plan', joinCode, '--hosts', 'Arta Hoxha, drita kola', '--seed', '7', '--json');
      expect(JSON.parse(again.stdout)).toEqual(plan);
      const unknown = await ura('cafe', 'plan', joinCode, '--hosts', 'Nobody Here');
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toContain('no registered participant is called "Nobody Here"');
      const badSize = await ura('cafe', 'plan', joinCode, '--table-size', '1');
      expect(badSize.status).toBe(2);
    },
    TIMEOUT,
  );

  it(
    'keeps a codebook: themes with labels in the languages, a duplicate or malformed one refused',
    async () => {
      const added = await ura(
        'themes',
        'add',
        joinCode,
        '--code',
        'shelter',
        '--label',
        'sq=Strehimi',
        '--label',
        'en=Shelter',
        '--definition',
        'en=Places victims can stay',
        '--keywords',
        'shelter,strehë',
      );
      expect(added.stderr).toBe('');
      expect(added.stdout).toContain('Added the theme "shelter"');
      expect((await ura('themes', 'add', joinCode, '--code', 'shelter', '--label', 'en=Again')).status).toBe(1);
      const malformed = await ura('themes', 'add', joinCode, '--code', 'data', '--label', 'Data');
      expect(malformed.status).toBe(2);
      expect(malformed.stderr).toContain('--label must read <language>=<text>');
      const listed = await ura('themes', 'list', joinCode, '--json');
      expect(JSON.parse(listed.stdout)).toEqual([{ code: 'shelter', labels: { sq: 'Strehimi', en: 'Shelter' }, definitions: { en: 'Places victims can stay' }, notes: 0, tables: 0, noteIds: [] }]);
      expect((await ura('themes', 'suggest', joinCode)).stdout).toContain('No suggestions');
      const confirm = await ura('themes', 'confirm', joinCode, '000000000000', 'shelter');
      expect(confirm.status).toBe(1);
    },
    TIMEOUT,
  );
});
