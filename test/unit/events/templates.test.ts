import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Resource } from 'i18next';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../../src/events/templates.js';
import { LANGUAGES } from '../../../src/i18n/index.js';

const TEXTS = { title: 'Meeting', open: 'Opening', cafe: 'Café', q1: 'Question one', q2: 'Question two' };
/** The events namespace with the texts of template `t` in every language but `without`. */
const resources = (texts: Record<string, string> = TEXTS, without?: string): Resource =>
  Object.fromEntries(LANGUAGES.map((language) => [language, { events: { templates: { t: language === without ? {} : texts } } }]));

function load(files: Record<string, string>, texts?: Resource) {
  const dir = mkdtempSync(join(tmpdir(), 'ura-templates-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  const { catalog, problems } = loadTemplates(dir, texts ?? resources());
  // Paths are shown relative to the project; only the file name matters here.
  return { catalog, problems: problems.map((problem) => ({ ...problem, file: problem.file.split('/').at(-1) })) };
}

const VALID = `id: t
version: 1
title: templates.t.title
days: 1
sessions:
  - { day: 1, start: '09.00', end: '09:30', kind: plenary, title: templates.t.open }
  - { day: 1, start: '10.00', kind: world_cafe, title: templates.t.cafe, rounds: 2, minutes: 20, questions: [templates.t.q1, templates.t.q2] }
`;

describe('programme templates', () => {
  it('ship annual-conference (two days, a World Café of three 20-minute rounds, groups by region) and regional-committee-meeting, all valid', () => {
    const { catalog, problems } = loadTemplates();
    expect(problems).toEqual([]);
    const conference = catalog.get('annual-conference');
    expect(conference).toMatchObject({
      days: 2,
      sessions: expect.arrayContaining([expect.objectContaining({ kind: 'world_cafe', rounds: 3, minutes: 20 }), expect.objectContaining({ kind: 'group_work', groupBy: 'region' })]),
    });
    expect(conference?.sessions[0]).toMatchObject({ day: 1, start: '08.30', kind: 'plenary' });
    expect(conference?.sessions.at(-1)).toMatchObject({ day: 2, kind: 'evaluation' });
    expect(catalog.get('regional-committee-meeting')?.sessions.map((session) => session.kind)).toEqual(['plenary', 'plenary', 'poll', 'evaluation']);
  });

  it('load a valid file, times written HH:MM kept as HH.MM', () => {
    const { catalog, problems } = load({ 't.yaml': VALID });
    expect(problems).toEqual([]);
    expect(catalog.get('t')?.sessions[0]).toMatchObject({ start: '09.00', end: '09.30' });
  });

  it('report a file that is not YAML with its line', () => {
    expect(load({ 't.yaml': 'id: t\nsessions: [\n' }).problems).toEqual([{ file: 't.yaml', path: expect.stringMatching(/^line \d+$/), message: expect.stringMatching(/^not valid YAML/) }]);
  });

  it('report every schema problem with its path', () => {
    const bad = VALID.replace('kind: plenary', 'kind: keynote').replace("start: '10.00'", "start: '25.00'").replace('version: 1', 'version: 0').replace('minutes: 20', 'minutes: 20, tables: 8');
    const { catalog, problems } = load({ 't.yaml': bad });
    expect(catalog.templates.size).toBe(0);
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 't.yaml', path: 'version', message: expect.any(String) },
        { file: 't.yaml', path: 'sessions[0].kind', message: 'kind must be plenary, world_cafe, group_work, open_space, poll or evaluation' },
        { file: 't.yaml', path: 'sessions[1].start', message: "a time such as '08.30' (HH.MM, 24-hour)" },
        { file: 't.yaml', path: 'sessions[1]', message: expect.stringMatching(/tables/) },
      ]),
    );
  });

  it('report a group work without the attribute that forms the groups', () => {
    const bad = VALID.replace('kind: plenary', 'kind: group_work, groupBy: language');
    expect(load({ 't.yaml': bad }).problems).toEqual([{ file: 't.yaml', path: 'sessions[0].groupBy', message: 'the attribute that forms the groups: region or org_type' }]);
  });

  it('report what only the programme shows: a day past the last, an end before the start, a question per round, the order', () => {
    const bad = VALID.replace("day: 1, start: '10.00'", "day: 2, start: '10.00'")
      .replace("end: '09:30'", "end: '08.00'")
      .replace('rounds: 2', 'rounds: 3')
      .replace('sessions:\n', "sessions:\n  - { day: 1, start: '11.00', kind: poll, title: templates.t.open }\n");
    expect(load({ 't.yaml': bad }).problems).toEqual([
      { file: 't.yaml', path: 'sessions[1].end', message: 'must be later than the start (09.00)' },
      { file: 't.yaml', path: 'sessions[1]', message: 'starts before the session above it (day 1, 11.00): list sessions in the order they happen' },
      { file: 't.yaml', path: 'sessions[2].day', message: 'is 2, but the template has 1 day(s)' },
      { file: 't.yaml', path: 'sessions[2].questions', message: 'has 2 question(s) for 3 round(s): give one per round (repeat a question to ask it again)' },
    ]);
  });

  it('report a text missing in a language, a text no template uses, and texts of a template that does not exist', () => {
    const texts = resources({ ...TEXTS, unused: 'Left over' }, 'el');
    for (const language of LANGUAGES) Object.assign((texts[language]?.events as { templates: object }).templates, { gone: { title: 'Gone' } });
    const { problems } = load({ 't.yaml': VALID }, texts);
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 't.yaml', path: 'title', message: '"templates.t.title" has no text in locales/el/events.json' },
        { file: 't.yaml', path: 'sessions[1].questions[1]', message: '"templates.t.q2" has no text in locales/el/events.json' },
        { file: 'events.json', path: 'templates.t.unused', message: 'text "templates.t.unused" is not used by the template' },
        { file: 'events.json', path: 'templates.gone', message: 'no template flows/events/gone.yaml uses these texts (left over, or a typo on one side)' },
      ]),
    );
    expect(problems.filter((problem) => problem.path === 'templates.t.unused')).toHaveLength(3);
  });

  it('report a file named after another id', () => {
    expect(load({ 'other.yaml': VALID }).problems).toEqual(expect.arrayContaining([{ file: 'other.yaml', path: 'id', message: 'is "t" but the file says "other"; name the file after the id' }]));
  });
});
