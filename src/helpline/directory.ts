import { join } from 'node:path';
import type { Resource } from 'i18next';
import { z } from 'zod';
import type { FlowProblem } from '../flows/catalog.js';
import { LANGUAGES, readLocales, type Language } from '../i18n/index.js';
import { COUNTRIES, type Country } from './countries.js';
import { DAY_MS } from './retention.js';
import { displayPath, filesUnder, readYamlFile, zodPath } from '../shared/files.js';
import { packageRoot } from '../shared/paths.js';
import { isRegion, REGIONS, type Region } from '../shared/regions.js';

// The services directory: who a help-seeker or an operator can turn to. Facts
// (numbers, links, hours, who is served, where each fact comes from) live in
// directory/*.yaml; every text a person reads lives in locales/<lng>/directory.json,
// keyed by entry id. An entry without a `verified` date has contact details that
// no source confirms: operators see it marked as such, help-seekers never see it.

export const DIRECTORY_DIR = join(packageRoot, 'directory');
export const DIRECTORY_NAMESPACE = 'directory';
/** Every entry's texts must exist in each language the bot speaks. */
export const DIRECTORY_LANGUAGES: readonly Language[] = LANGUAGES;

const AREAS = ['national', ...REGIONS] as const;
type Area = (typeof AREAS)[number];

// The countries a person can choose have a file of their own, which a case can name without the directory.
export { COUNTRIES, COUNTRY_CHOICES, isCountry, type Country, type CountryChoice } from './countries.js';

/**
 * In this order within a rank of the query result: hotlines before emergency numbers,
 * before crisis lines (someone to talk to when a person may hurt themself), before the police...
 */
export const SERVICE_KINDS = [
  'hotline',
  'emergency',
  'crisis',
  'police',
  'child_protection',
  'social_services',
  'shelter',
  'legal_aid',
  'health',
  'labour_inspectorate',
  'ngo',
  'international_organisation',
  'government',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const ELIGIBILITY = ['children', 'women', 'men', 'foreigners'] as const;
/** Texts an entry may have; `name` always, `hours` whenever the service is not open day and night. */
const TEXT_FIELDS = ['name', 'about', 'hours'] as const;

const AREA_SET: ReadonlySet<string> = new Set(AREAS);
const TEXT_FIELD_SET: ReadonlySet<string> = new Set(TEXT_FIELDS);
const isArea = (value: string): value is Area => AREA_SET.has(value);
const oneOf = (values: readonly string[]) => values.join(', ');

const entrySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, 'use lower_snake_case: lower-case letters and digits joined by _'),
    kind: z.enum(SERVICE_KINDS, { error: (issue) => `${issue.input === undefined ? 'missing' : `unknown kind ${JSON.stringify(issue.input)}`}; use one of: ${oneOf(SERVICE_KINDS)}` }),
    /** Digits as dialled, written in quotes so YAML keeps leading zeros: "116006", "+355...". */
    phone: z
      .string({ error: 'write the number as text in quotes, e.g. "116006"' })
      .regex(/^\+?\d{3,15}$/, 'digits only, optionally after a +')
      .optional(),
    link: z.url({ protocol: /^https?$/, error: 'must be a full http(s) address' }).optional(),
    /** `open247: null` when no source says; a service with set hours describes them in its `hours` text. */
    hours: z.strictObject({ open247: z.boolean().nullable() }),
    cost: z.enum(['free', 'paid', 'unknown']),
    country: z.enum(COUNTRIES, { error: `use one of the countries a person can choose: ${COUNTRIES.join(', ')}` }),
    /** `national`, one county, or a list of the counties served. */
    region: z.union([z.string(), z.array(z.string()).min(1)], { error: 'use national, a county or a list of counties' }),
    /** Languages the service is known to work in (ISO 639-1); empty when no source says. */
    languages: z.array(z.string().regex(/^[a-z]{2}$/, 'use a two-letter language code such as sq, en, it, el')),
    eligibility: z.array(z.enum(ELIGIBILITY)).min(1),
    /** Where the facts come from: document and lines, or the page read. */
    source: z.string().trim().min(1),
    /** When the contact details were last confirmed (the source's own date when taken from a document), or null. */
    verified: z.iso.date({ error: 'use a real date written YYYY-MM-DD, or null when unverified' }).nullable(),
  })
  .superRefine((entry, ctx) => {
    if (!entry.phone && !entry.link) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'an entry needs a phone number or a link (or both)' });
    const areas = typeof entry.region === 'string' ? [entry.region] : entry.region;
    areas.forEach((area, i) => {
      const path = typeof entry.region === 'string' ? ['region'] : ['region', i];
      if (!isArea(area)) ctx.addIssue({ code: 'custom', path, message: `unknown region ${JSON.stringify(area)}; use national or one of: ${oneOf(REGIONS)}` });
      else if (area !== 'national' && entry.country !== 'AL') ctx.addIssue({ code: 'custom', path, message: 'counties are known only for Albania (AL); use national' });
    });
    if (areas.includes('national') && areas.length > 1) ctx.addIssue({ code: 'custom', path: ['region'], message: 'national stands alone, not in a list of counties' });
    if (new Set(entry.eligibility).size !== entry.eligibility.length) ctx.addIssue({ code: 'custom', path: ['eligibility'], message: 'lists a group twice' });
  })
  .transform(({ region, ...entry }) => {
    const areas = (typeof region === 'string' ? [region] : region).filter(isArea);
    return { ...entry, national: areas.includes('national'), regions: areas.filter(isRegion) };
  });

const fileSchema = z.strictObject({ entries: z.array(z.unknown()).min(1) });

export type ServiceEntry = z.output<typeof entrySchema>;

/** A mistake in a directory file, where it is (e.g. `entries[3].region`): the same shape as a flow's. */
export type DirectoryProblem = FlowProblem;

export interface Directory {
  /** Every valid entry, in file order. */
  readonly entries: readonly ServiceEntry[];
  get(id: string): ServiceEntry | undefined;
}

export function createDirectory(entries: readonly ServiceEntry[]): Directory {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return { entries, get: (id) => byId.get(id) };
}

export const isVerified = (entry: ServiceEntry): boolean => entry.verified !== null;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The texts of one entry: a name everywhere, the same fields in every language, hours when not open day and night. */
function checkTexts(entry: ServiceEntry, resources: Resource, report: (path: string, message: string) => void, reportLocale: (language: string, path: string, message: string) => void) {
  const present = new Map<string, Set<string>>();
  for (const language of DIRECTORY_LANGUAGES) {
    const file = `locales/${language}/${DIRECTORY_NAMESPACE}.json`;
    const namespace = resources[language]?.[DIRECTORY_NAMESPACE];
    const texts: unknown = isRecord(namespace) ? namespace[entry.id] : undefined;
    if (!isRecord(texts)) {
      if (isRecord(namespace)) report('', `"${entry.id}" has no texts in ${file}`);
      continue;
    }
    const fields = new Set<string>();
    for (const [field, text] of Object.entries(texts)) {
      if (!TEXT_FIELD_SET.has(field)) reportLocale(language, `${entry.id}.${field}`, `unknown text; an entry has only ${oneOf(TEXT_FIELDS)}`);
      else if (typeof text !== 'string' || text.trim() === '') reportLocale(language, `${entry.id}.${field}`, 'must be a text that is not empty');
      else fields.add(field);
    }
    present.set(language, fields);
    if (!fields.has('name')) report('', `name of "${entry.id}" is missing in ${file}`);
    if (entry.hours.open247 === false && !fields.has('hours')) report('hours', `the service is not open day and night, so "${entry.id}" needs an hours text in ${file}`);
  }
  const anywhere = new Set([...present.values()].flatMap((fields) => [...fields]));
  for (const [language, fields] of present) {
    for (const field of anywhere) {
      if (field !== 'name' && !fields.has(field)) report('', `${field} of "${entry.id}" is missing in locales/${language}/${DIRECTORY_NAMESPACE}.json, while another language has it`);
    }
  }
}

export interface DirectoryLoad {
  directory: Directory;
  problems: DirectoryProblem[];
}

/**
 * Loads every YAML file under `dir` and checks each entry and its texts in every
 * directory language. Only entries without problems enter the directory; a
 * deployment should refuse to start on any problem, as with flows.
 */
export function loadDirectory(dir: string = DIRECTORY_DIR, resources: Resource = readLocales()): DirectoryLoad {
  const problems: DirectoryProblem[] = [];
  const entries: ServiceEntry[] = [];
  const definedIn = new Map<string, string>();
  const declared = new Set<string>();
  const reportLocale = (language: string, path: string, message: string) => problems.push({ file: `locales/${language}/${DIRECTORY_NAMESPACE}.json`, path, message });

  for (const language of DIRECTORY_LANGUAGES) {
    if (!isRecord(resources[language]?.[DIRECTORY_NAMESPACE])) reportLocale(language, '', 'is missing: every directory entry needs its texts in this language');
  }
  for (const file of filesUnder(dir, /\.ya?ml$/)) {
    const report = (path: string, message: string) => problems.push({ file: displayPath(file), path, message });
    const parsedFile = readYamlFile(file, fileSchema, report);
    if (!parsedFile) continue;
    parsedFile.entries.forEach((raw, i) => {
      const at = `entries[${i}]`;
      if (isRecord(raw) && typeof raw.id === 'string') declared.add(raw.id);
      const parsed = entrySchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) report(zodPath(issue.path, at), issue.message);
        return;
      }
      const entry = parsed.data;
      const before = problems.length;
      const earlier = definedIn.get(entry.id);
      if (earlier !== undefined) report(`${at}.id`, `"${entry.id}" is already defined in ${earlier}; ids must be unique across the directory`);
      else definedIn.set(entry.id, displayPath(file));
      checkTexts(entry, resources, (path, message) => report(path ? `${at}.${path}` : at, message), reportLocale);
      if (problems.length === before) entries.push(entry);
    });
  }
  for (const language of DIRECTORY_LANGUAGES) {
    const namespace = resources[language]?.[DIRECTORY_NAMESPACE];
    if (!isRecord(namespace)) continue;
    for (const id of Object.keys(namespace)) if (!declared.has(id)) reportLocale(language, id, 'no directory entry has this id (left over, or a typo on one side)');
  }
  return { directory: createDirectory(entries), problems };
}

export interface ServiceQuery {
  /** The county the person chose; without it, only national entries. Never inferred from location data. */
  region?: Region;
  /** The country the person chose; Albania when not given. */
  country?: Country;
  /** `child`: only services that serve children; `adult`: only services that serve adults. */
  audience?: 'child' | 'adult';
  /** The person's language: services known to work in it come first. It filters nothing. */
  language?: string;
  /** Operators also see entries whose contact details are unverified (they must show them as such). */
  forOperators?: boolean;
}

/** Lines a person can call about what happens now, whatever the hour they keep. */
const CALL_NOW_KINDS: readonly ServiceKind[] = ['hotline', 'emergency', 'crisis'];

/** 0: phone lines open day and night; 1: other hotlines, emergency numbers and crisis lines; 2: the chosen county; 3: the rest. */
function rank(entry: ServiceEntry): number {
  if (entry.phone && entry.hours.open247 === true) return 0;
  if (entry.phone && CALL_NOW_KINDS.includes(entry.kind)) return 1;
  return entry.national ? 3 : 2;
}

const servesAdults = (entry: ServiceEntry) => entry.eligibility.some((group) => group !== 'children');

/**
 * The services to show: national ones always, county ones only for the county
 * the person chose, verified ones only unless the reader is an operator, and for
 * children or adults only the services that serve them. Round-the-clock phone
 * lines come first, then other hotlines and crisis lines, then local services, then the rest.
 */
export function servicesFor(directory: Directory, query: ServiceQuery = {}): ServiceEntry[] {
  const country = query.country ?? 'AL';
  const speaks = (entry: ServiceEntry) => (query.language !== undefined && entry.languages.includes(query.language) ? 0 : 1);
  return directory.entries
    .filter((entry) => entry.country === country)
    .filter((entry) => entry.national || (query.region !== undefined && entry.regions.includes(query.region)))
    .filter((entry) => query.forOperators === true || isVerified(entry))
    .filter((entry) => (query.audience === 'child' ? entry.eligibility.includes('children') : query.audience === 'adult' ? servesAdults(entry) : true))
    .map((entry, order) => ({ entry, order }))
    .sort(
      (a, b) =>
        rank(a.entry) - rank(b.entry) ||
        speaks(a.entry) - speaks(b.entry) ||
        Number(isVerified(b.entry)) - Number(isVerified(a.entry)) ||
        SERVICE_KINDS.indexOf(a.entry.kind) - SERVICE_KINDS.indexOf(b.entry.kind) ||
        a.order - b.order,
    )
    .map(({ entry }) => entry);
}

/** The kinds of entry an emergency block lists: numbers to call now. */
const EMERGENCY_KINDS: readonly ServiceKind[] = ['emergency', 'police', 'health', 'hotline'];
/** A medical emergency: an ambulance line first, then the general emergency number. */
const MEDICAL_KINDS: readonly ServiceKind[] = ['health', 'emergency'];

/**
 * The phone numbers to call now in a country, for a help-seeker (verified only):
 * the general emergency number, the police, an ambulance, then the hotlines, in the
 * directory's order. `medical`: only the numbers that send a doctor: an ambulance
 * line, then the general emergency number (alone when no ambulance line is verified).
 */
export function emergencyNumbers(directory: Directory, country: Country, options: { medical?: boolean } = {}): ServiceEntry[] {
  const callable = directory.entries.filter((entry) => entry.country === country && entry.national && entry.phone !== undefined && isVerified(entry));
  const byKind = (kinds: readonly ServiceKind[]) => callable.filter((entry) => kinds.includes(entry.kind)).sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind));
  return byKind(options.medical ? MEDICAL_KINDS : EMERGENCY_KINDS);
}

/**
 * A country's crisis lines (emotional support, suicide prevention) for a help-seeker:
 * verified national phone lines, in the directory's order. None where no line is
 * verified: the person is then given the emergency numbers alone.
 */
export function crisisLines(directory: Directory, country: Country): ServiceEntry[] {
  return directory.entries.filter((entry) => entry.country === country && entry.kind === 'crisis' && entry.national && entry.phone !== undefined && isVerified(entry));
}

export interface Freshness {
  /** Verified longer ago than the allowed age, oldest first. */
  stale: { entry: ServiceEntry; ageDays: number }[];
  /** No verified date: contact details no source confirms. */
  unverified: ServiceEntry[];
  /** Verified "in the future": a typo in the date, which would otherwise hide the entry from this check forever. */
  future: ServiceEntry[];
}

/** Which entries need re-verifying, as of `now` (whole days, UTC). */
export function checkFreshness(directory: Directory, options: { now: Date; maxAgeDays: number }): Freshness {
  const result: Freshness = { stale: [], unverified: [], future: [] };
  for (const entry of directory.entries) {
    if (entry.verified === null) {
      result.unverified.push(entry);
      continue;
    }
    const ageDays = Math.floor((options.now.getTime() - Date.parse(`${entry.verified}T00:00:00Z`)) / DAY_MS);
    if (ageDays < 0) result.future.push(entry);
    else if (ageDays > options.maxAgeDays) result.stale.push({ entry, ageDays });
  }
  result.stale.sort((a, b) => b.ageDays - a.ageDays);
  return result;
}
