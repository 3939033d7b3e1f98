import { join } from 'node:path';
import type { Resource } from 'i18next';
import { z } from 'zod';
import type { FlowProblem } from '../flows/catalog.js';
import { LANGUAGES, readLocales } from '../i18n/index.js';
import { displayPath, filesUnder, readYamlFile } from '../shared/files.js';
import { packageRoot } from '../shared/paths.js';
import { GROUP_ATTRIBUTES } from './model.js';

/**
 * Programme templates: an event's programme as data (flows/events/<id>.yaml), checked
 * at load like flows and the services directory, every problem reported with its file
 * and path. Titles and questions are keys in the events namespace
 * (locales/<lng>/events.json), which must exist in every language; an event made from
 * a template copies the texts of its own languages, so later edits of the locale files
 * do not rewrite the programme of an event already made.
 */

export const TEMPLATES_DIR = join(packageRoot, 'flows', 'events');
export const EVENTS_NAMESPACE = 'events';

/** HH.MM or HH:MM, kept as HH.MM (the way Albanian programmes write times). */
export const timeOfDay = z
  .string({ error: "a time such as '08.30', in quotes" })
  .regex(/^([01]\d|2[0-3])[.:][0-5]\d$/, "a time such as '08.30' (HH.MM, 24-hour)")
  .transform((time) => time.replace(':', '.'));

const textKey = z.string().regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/, 'a text key in the events namespace, such as templates.annual-conference.opening');

const base = { day: z.int().min(1), start: timeOfDay, end: timeOfDay.optional(), title: textKey };

const sessionSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ ...base, kind: z.enum(['plenary', 'open_space', 'poll', 'evaluation']) }),
    z.strictObject({ ...base, kind: z.literal('world_cafe'), rounds: z.int().min(1).max(10), minutes: z.int().min(1).max(240), questions: z.array(textKey).min(1) }),
    z.strictObject({ ...base, kind: z.literal('group_work'), groupBy: z.enum(GROUP_ATTRIBUTES, { error: `the attribute that forms the groups: ${GROUP_ATTRIBUTES.join(' or ')}` }) }),
  ],
  { error: 'kind must be plenary, world_cafe, group_work, open_space, poll or evaluation' },
);

const templateSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use kebab-case: lower-case letters and digits joined by -'),
  version: z.int().min(1),
  title: textKey,
  days: z.int().min(1).max(14),
  sessions: z.array(sessionSchema).min(1),
});

export type ProgrammeTemplate = z.output<typeof templateSchema>;
export type TemplateSession = ProgrammeTemplate['sessions'][number];

export interface TemplateCatalog {
  readonly templates: ReadonlyMap<string, ProgrammeTemplate>;
  get(id: string): ProgrammeTemplate | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of a dotted key in a namespace's resources, if it is a non-empty text. */
export function textAt(namespace: unknown, key: string): string | undefined {
  let node: unknown = namespace;
  for (const part of key.split('.')) node = isRecord(node) ? node[part] : undefined;
  return typeof node === 'string' && node.trim() !== '' ? node : undefined;
}

const flatKeys = (node: unknown, prefix: string): string[] => (isRecord(node) ? Object.entries(node).flatMap(([name, inner]) => flatKeys(inner, `${prefix}.${name}`)) : [prefix]);

/** Every key a template shows, with where it is written. */
function keysOf(template: ProgrammeTemplate): { path: string; key: string }[] {
  return [
    { path: 'title', key: template.title },
    ...template.sessions.flatMap((session, i) => [
      { path: `sessions[${i}].title`, key: session.title },
      ...(session.kind === 'world_cafe' ? session.questions.map((key, q) => ({ path: `sessions[${i}].questions[${q}]`, key })) : []),
    ]),
  ];
}

/** The order of the programme and what only the schema cannot see. */
function checkProgramme(template: ProgrammeTemplate, report: (path: string, message: string) => void): void {
  template.sessions.forEach((session, i) => {
    const at = `sessions[${i}]`;
    if (session.day > template.days) report(`${at}.day`, `is ${session.day}, but the template has ${template.days} day(s)`);
    if (session.end !== undefined && session.end <= session.start) report(`${at}.end`, `must be later than the start (${session.start})`);
    if (session.kind === 'world_cafe' && session.questions.length !== session.rounds)
      report(`${at}.questions`, `has ${session.questions.length} question(s) for ${session.rounds} round(s): give one per round (repeat a question to ask it again)`);
    const previous = template.sessions[i - 1];
    if (previous && (session.day < previous.day || (session.day === previous.day && session.start < previous.start))) {
      report(at, `starts before the session above it (day ${previous.day}, ${previous.start}): list sessions in the order they happen`);
    }
  });
}

/** Keys missing in a language, and texts under templates.<id> that the template does not use. */
function checkTexts(template: ProgrammeTemplate, resources: Resource, report: (path: string, message: string) => void, reportLocale: (language: string, path: string, message: string) => void): void {
  const keys = keysOf(template);
  for (const language of LANGUAGES) {
    const namespace = resources[language]?.[EVENTS_NAMESPACE];
    for (const { path, key } of keys) if (textAt(namespace, key) === undefined) report(path, `"${key}" has no text in locales/${language}/${EVENTS_NAMESPACE}.json`);
    const own = isRecord(namespace) && isRecord(namespace.templates) ? namespace.templates[template.id] : undefined;
    const used = new Set(keys.map(({ key }) => key));
    for (const key of isRecord(own) ? flatKeys(own, `templates.${template.id}`) : []) if (!used.has(key)) reportLocale(language, key, `text "${key}" is not used by the template`);
  }
}

const fileId = (file: string): string => (file.split(/[\\/]/).at(-1) ?? '').replace(/\.ya?ml$/, '');

/**
 * Loads every template under `dir`, each checked against its schema, its programme's
 * order and its texts in every language. Only templates without problems are usable;
 * start-up refuses any problem, as with flows.
 */
export function loadTemplates(dir: string = TEMPLATES_DIR, resources: Resource = readLocales()): { catalog: TemplateCatalog; problems: FlowProblem[] } {
  const problems: FlowProblem[] = [];
  const templates = new Map<string, ProgrammeTemplate>();
  const files = filesUnder(dir, /\.ya?ml$/);
  for (const file of files) {
    const before = problems.length;
    const report = (path: string, message: string) => problems.push({ file: displayPath(file), path, message });
    const reportLocale = (language: string, path: string, message: string) => problems.push({ file: `locales/${language}/${EVENTS_NAMESPACE}.json`, path, message });
    const template = readYamlFile(file, templateSchema, report);
    if (!template) continue;
    const expected = fileId(file);
    if (template.id !== expected) report('id', `is "${template.id}" but the file says "${expected}"; name the file after the id`);
    if (templates.has(template.id)) report('id', `template "${template.id}" is defined twice`);
    checkProgramme(template, report);
    checkTexts(template, resources, report, reportLocale);
    if (problems.length === before) templates.set(template.id, template);
  }
  const named = new Set(files.map(fileId));
  for (const language of LANGUAGES) {
    const namespace = resources[language]?.[EVENTS_NAMESPACE];
    const texts = isRecord(namespace) && isRecord(namespace.templates) ? Object.keys(namespace.templates) : [];
    for (const id of texts)
      if (!named.has(id))
        problems.push({
          file: `locales/${language}/${EVENTS_NAMESPACE}.json`,
          path: `templates.${id}`,
          message: `no template flows/events/${id}.yaml uses these texts (left over, or a typo on one side)`,
        });
  }
  return { catalog: { templates, get: (id) => templates.get(id) }, problems };
}
