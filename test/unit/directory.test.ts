import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Resource } from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/flows/catalog.js';
import { checkFreshness, COUNTRIES, createDirectory, crisisLines, DIRECTORY_LANGUAGES, emergencyNumbers, loadDirectory, servicesFor, type ServiceEntry } from '../../src/helpline/directory.js';
import { readLocales } from '../../src/i18n/index.js';
import { packageRoot } from '../../src/shared/paths.js';

const ids = (entries: readonly ServiceEntry[]) => entries.map((entry) => entry.id);

/** A valid entry for in-memory directories; tests override what they are about. */
const entry = (id: string, overrides: Partial<ServiceEntry> = {}): ServiceEntry => ({
  id,
  kind: 'ngo',
  link: `https://example.org/${id}`,
  hours: { open247: null },
  cost: 'unknown',
  country: 'AL',
  languages: ['sq'],
  eligibility: ['children', 'women', 'men', 'foreigners'],
  source: 'test',
  verified: '2025-01-10',
  national: true,
  regions: [],
  ...overrides,
});

describe('the shipped directory', () => {
  const { directory, problems } = loadDirectory();

  it('is valid, with every text in sq, en, it and el', () => {
    expect(problems.map(formatProblem)).toEqual([]);
    expect(directory.entries.length).toBeGreaterThanOrEqual(10);
    expect(DIRECTORY_LANGUAGES).toEqual(['sq', 'en', 'it', 'el']);
  });

  it('holds the numbers of the domain README, with 129 and 112 now verified from public sources', () => {
    expect(directory.get('hotline_116006')).toMatchObject({ kind: 'hotline', phone: '116006', cost: 'free', national: true, verified: '2023-03-27' });
    expect(directory.get('child_helpline_116111')).toMatchObject({ phone: '116111', hours: { open247: true }, eligibility: ['children'] });
    expect(directory.get('app_raporto_shpeto')).toMatchObject({ kind: 'hotline', verified: null });
    expect(directory.get('police_129')).toMatchObject({ kind: 'police', phone: '129', country: 'AL', verified: '2026-12-05' });
    expect(directory.get('emergency_112')).toMatchObject({ kind: 'emergency', phone: '112', country: 'AL', verified: '2026-12-05' });
    expect(directory.get('ambulance_127')).toMatchObject({ kind: 'health', phone: '127', country: 'AL' });
  });

  it('has numbers to call now for every country a person can choose, each with a source', () => {
    for (const country of COUNTRIES) {
      const numbers = emergencyNumbers(directory, country);
      expect(numbers.length, country).toBeGreaterThan(0);
      expect(numbers.every((item) => item.country === country && item.verified !== null && item.source.length > 0)).toBe(true);
    }
    expect(emergencyNumbers(directory, 'IT').map((item) => item.phone)).toEqual(['112', '800290290']);
    expect(emergencyNumbers(directory, 'GB').map((item) => item.phone)).toEqual(['999', '08000121700']);
    // 1109 is known only from unofficial pages: operators see it, help-seekers do not.
    expect(emergencyNumbers(directory, 'GR').map((item) => item.phone)).toEqual(['112']);
    expect(directory.get('greece_antitrafficking_1109')).toMatchObject({ country: 'GR', verified: null });
    expect(emergencyNumbers(directory, 'AL').map((item) => item.phone)).toEqual(['112', '129', '127', '116006', '116111']);
  });

  it('has a crisis line, with its source, where one was verified, none in Albania, North Macedonia and Montenegro, and never among the numbers for danger', () => {
    const phones = Object.fromEntries(COUNTRIES.map((country) => [country, crisisLines(directory, country).map((item) => item.phone)]));
    expect(phones).toEqual({ AL: [], XK: ['080012345'], MK: [], ME: [], RS: ['0800300303'], GR: ['1018'], IT: ['0223272327'], GB: ['116123'] });
    for (const country of COUNTRIES) {
      for (const line of crisisLines(directory, country)) {
        expect(line).toMatchObject({ kind: 'crisis', national: true, verified: '2026-12-05' });
        expect(line.source.length).toBeGreaterThan(0);
      }
      expect(emergencyNumbers(directory, country).some((item) => item.kind === 'crisis')).toBe(false);
    }
    // Set hours (described in the texts) where a line does not answer day and night.
    expect(directory.get('italy_telefono_amico')).toMatchObject({ hours: { open247: false }, cost: 'paid' });
    expect(directory.get('serbia_centar_srce')).toMatchObject({ hours: { open247: false }, cost: 'free' });
    expect(directory.get('kosovo_linja_e_jetes')).toMatchObject({ hours: { open247: false }, cost: 'free' });
    expect(directory.get('uk_samaritans_116123')).toMatchObject({ hours: { open247: true }, cost: 'free' });
    expect(directory.get('greece_klimaka_1018')).toMatchObject({ hours: { open247: true }, cost: 'unknown' });
  });

  it('gives the ambulance before the general number for a medical emergency', () => {
    expect(emergencyNumbers(directory, 'AL', { medical: true }).map((item) => item.phone)).toEqual(['127', '112']);
    expect(emergencyNumbers(directory, 'RS', { medical: true }).map((item) => item.phone)).toEqual(['194']);
    expect(emergencyNumbers(directory, 'IT', { medical: true }).map((item) => item.phone)).toEqual(['112']);
  });

  it('names a source for every entry and has Fier entries', () => {
    expect(directory.entries.every((item) => item.source.length > 0)).toBe(true);
    expect(directory.entries.filter((item) => item.regions.includes('fier')).length).toBeGreaterThanOrEqual(5);
  });
});

describe('directory loader on invalid files', () => {
  const fixtures = join(packageRoot, 'test/fixtures/directory-invalid');
  const { directory, problems } = loadDirectory(join(fixtures, 'cases'), readLocales(join(fixtures, 'locales')));
  const about = (name: string) => problems.filter((problem) => problem.file.endsWith(`cases/${name}.yaml`)).map(formatProblem);

  it('reports every problem with file and path, and admits only the first of the duplicates', () => {
    expect(problems.every((problem) => problem.file.startsWith('test/fixtures/directory-invalid/cases/'))).toBe(true);
    expect(ids(directory.entries)).toEqual(['case_duplicate']);
    expect(directory.get('case_duplicate')?.kind).toBe('hotline');
  });

  it.each([
    ['bad-kind', /at entries\[0\]\.kind: unknown kind "shelters"; use one of: .*shelter/],
    ['unknown-region', /at entries\[0\]\.region: unknown region "Tirana"; use national or one of: .*tirane/],
    ['missing-name', /at entries\[0\]: name of "case_missing_name" is missing in locales\/el\/directory\.json/],
    ['duplicate-id', /at entries\[1\]\.id: "case_duplicate" is already defined in test\/fixtures\/directory-invalid\/cases\/duplicate-id\.yaml/],
    ['bad-date', /at entries\[0\]\.verified: use a real date written YYYY-MM-DD/],
    ['no-contact', /at entries\[0\]\.phone: an entry needs a phone number or a link/],
  ])('%s: %s', (name, message) => {
    expect(about(name)).toEqual([expect.stringMatching(message)]);
  });
});

describe('directory loader on texts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ura-directory-'));
  writeFileSync(
    join(dir, 'tiny.yaml'),
    'entries:\n  - { id: office, kind: ngo, link: "https://example.org", hours: { open247: false }, cost: unknown, country: AL, region: [fier, vlore], languages: [], eligibility: [women], source: test, verified: null }\n',
  );
  const texts = (language: string, extra: Record<string, string> = {}) => ({ directory: { office: { name: `Office (${language})`, hours: `Mon-Fri (${language})`, ...extra } } });
  const complete: Resource = Object.fromEntries(DIRECTORY_LANGUAGES.map((language) => [language, texts(language)]));

  it('accepts an entry whose texts are complete in every language', () => {
    const { directory, problems } = loadDirectory(dir, complete);
    expect(problems).toEqual([]);
    expect(directory.get('office')).toMatchObject({ national: false, regions: ['fier', 'vlore'] });
  });

  it('asks for hours text when a service is not open day and night, and for the same texts in every language', () => {
    const resources: Resource = { ...complete, sq: { directory: { office: { name: 'Zyra', about: 'Rreth' } } } };
    const messages = loadDirectory(dir, resources).problems.map(formatProblem);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/at entries\[0\]\.hours: .*needs an hours text in locales\/sq\/directory\.json/),
        expect.stringMatching(/about of "office" is missing in locales\/en\/directory\.json, while another language has it/),
      ]),
    );
  });

  it('reports texts no entry uses, unknown text fields, and a language without a directory file', () => {
    const resources: Resource = {
      ...complete,
      en: { directory: { office: { name: 'Office', hours: 'Mon-Fri', nmae: 'typo' }, closed_office: { name: 'Gone' } } },
      el: {},
    };
    const messages = loadDirectory(dir, resources).problems.map(formatProblem);
    expect(messages).toEqual(
      expect.arrayContaining([
        'locales/en/directory.json at closed_office: no directory entry has this id (left over, or a typo on one side)',
        'locales/en/directory.json at office.nmae: unknown text; an entry has only name, about, hours',
        'locales/el/directory.json: is missing: every directory entry needs its texts in this language',
      ]),
    );
  });
});

describe('checkFreshness', () => {
  const directory = createDirectory([
    entry('recent', { verified: '2025-06-01' }),
    entry('old', { verified: '2024-01-01' }),
    entry('older', { verified: '2022-05-20' }),
    entry('never', { verified: null }),
    entry('typo', { verified: '2052-01-01' }),
  ]);
  const now = new Date('2025-06-30T12:00:00Z');

  it('lists entries verified longer ago than allowed, oldest first, with their age in days', () => {
    const freshness = checkFreshness(directory, { now, maxAgeDays: 365 });
    expect(freshness.stale.map(({ entry: item, ageDays }) => [item.id, ageDays])).toEqual([
      ['older', 1137],
      ['old', 546],
    ]);
    expect(ids(freshness.unverified)).toEqual(['never']);
    expect(ids(freshness.future)).toEqual(['typo']);
  });

  it('follows the allowed age, counting whole days', () => {
    expect(checkFreshness(directory, { now, maxAgeDays: 546 }).stale.map(({ entry: item }) => item.id)).toEqual(['older']);
    expect(checkFreshness(directory, { now, maxAgeDays: 545 }).stale.map(({ entry: item }) => item.id)).toEqual(['older', 'old']);
    expect(checkFreshness(directory, { now, maxAgeDays: 5000 }).stale).toEqual([]);
  });

  it('flags the shipped entries verified from 2023 documents once a year has passed', () => {
    const shipped = loadDirectory().directory;
    const staleOn = (day: string) => checkFreshness(shipped, { now: new Date(`${day}T00:00:00Z`), maxAgeDays: 365 }).stale.map(({ entry: item }) => item.id);
    expect(staleOn('2024-03-26')).not.toContain('hotline_116006');
    expect(staleOn('2024-03-28')).toEqual(expect.arrayContaining(['hotline_116006', 'prefect_fier', 'child_helpline_116111']));
  });
});

describe('servicesFor on the shipped directory', () => {
  const { directory } = loadDirectory();

  it('always shows the national numbers, with or without a region', () => {
    for (const region of [undefined, 'fier', 'tirane'] as const) expect(ids(servicesFor(directory, { region }))).toContain('hotline_116006');
  });

  it('shows county services only to someone who chose that county', () => {
    expect(ids(servicesFor(directory, { region: 'fier' }))).toContain('prefect_fier');
    expect(ids(servicesFor(directory, { region: 'tirane' }))).not.toContain('prefect_fier');
    expect(ids(servicesFor(directory))).not.toContain('prefect_fier');
    const vlore = ids(servicesFor(directory, { region: 'vlore', forOperators: true }));
    expect(vlore).toContain('border_migration_vlore');
    expect(vlore).not.toContain('police_fier');
  });

  it('hides unverified entries from help-seekers and shows them to operators', () => {
    const seekers = servicesFor(directory, { region: 'fier' });
    expect(seekers.every((item) => item.verified !== null)).toBe(true);
    expect(ids(seekers)).not.toContain('police_fier');
    const operators = servicesFor(directory, { region: 'fier', forOperators: true });
    expect(ids(operators)).toEqual(expect.arrayContaining(['police_129', 'emergency_112', 'police_fier', 'fier_municipality_child_protection']));
    expect(operators.find((item) => item.id === 'police_fier')?.verified).toBeNull();
  });

  it('shows child-only services to children only, and puts the 24/7 child helpline first for them', () => {
    const children = ids(servicesFor(directory, { audience: 'child' }));
    expect(children[0]).toBe('child_helpline_116111');
    expect(children).toContain('hotline_116006');
    expect(ids(servicesFor(directory, { audience: 'adult' }))).not.toContain('child_helpline_116111');
    const adultsForOperators = ids(servicesFor(directory, { audience: 'adult', region: 'fier', forOperators: true }));
    expect(adultsForOperators).not.toContain('fier_municipality_child_protection');
    expect(adultsForOperators).not.toContain('world_vision_albania');
  });

  it('keeps to Albania unless asked for another country', () => {
    expect(servicesFor(directory).every((item) => item.country === 'AL')).toBe(true);
    expect(ids(servicesFor(directory, { country: 'IT' }))).toEqual(['italy_antitrafficking_800290290', 'italy_emergency_112', 'italy_telefono_amico']);
    expect(ids(servicesFor(directory, { country: 'GR', forOperators: true }))).toContain('greece_antitrafficking_1109');
  });

  it('lists the crisis lines with the other services, to help-seekers and operators alike', () => {
    for (const forOperators of [false, true]) {
      expect(ids(servicesFor(directory, { country: 'GB', forOperators }))).toEqual(['uk_modern_slavery_helpline', 'uk_samaritans_116123', 'uk_emergency_999']);
      expect(ids(servicesFor(directory, { country: 'RS', forOperators }))).toContain('serbia_centar_srce');
      expect(ids(servicesFor(directory, { country: 'XK', forOperators, audience: 'child' }))).toContain('kosovo_linja_e_jetes');
    }
  });
});

describe('servicesFor ordering', () => {
  const directory = createDirectory([
    entry('ngo_fier', { national: false, regions: ['fier'] }),
    entry('ngo_national', { languages: ['en'] }),
    entry('police_national', { kind: 'police', phone: '129', link: undefined }),
    entry('crisis_limited', { kind: 'crisis', phone: '0800111', hours: { open247: false } }),
    entry('hotline_limited', { kind: 'hotline', phone: '0800000', hours: { open247: false } }),
    entry('emergency_247', { kind: 'emergency', phone: '112', hours: { open247: true } }),
    entry('hotline_247', { kind: 'hotline', phone: '116111', hours: { open247: true } }),
    entry('ngo_unverified', { verified: null }),
  ]);

  it('puts 24/7 lines first (hotlines before emergency numbers), then other hotlines and crisis lines, then the chosen county, then the rest', () => {
    expect(ids(servicesFor(directory, { region: 'fier', forOperators: true }))).toEqual([
      'hotline_247',
      'emergency_247',
      'hotline_limited',
      'crisis_limited',
      'ngo_fier',
      'police_national',
      'ngo_national',
      'ngo_unverified',
    ]);
  });

  it('moves services known to speak the person’s language forward within their rank, filtering nothing', () => {
    const english = ids(servicesFor(directory, { language: 'en' }));
    expect(english.indexOf('ngo_national')).toBeLessThan(english.indexOf('police_national'));
    expect(english.slice(0, 3)).toEqual(['hotline_247', 'emergency_247', 'hotline_limited']);
    expect(english).toHaveLength(6);
  });
});
