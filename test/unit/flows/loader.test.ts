import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/flows/catalog.js';
import { FLOW_ACTIONS, loadAreaFlows } from '../../../src/flow-actions.js';
import { loadFlows } from '../../../src/flows/loader.js';
import { packageRoot } from '../../../src/shared/paths.js';

const fixtures = join(packageRoot, 'test/fixtures/flows-invalid');
const { catalog, problems } = loadFlows(fixtures);
const about = (name: string) => problems.filter((problem) => problem.file.endsWith(`cases/${name}.yaml`)).map(formatProblem);

describe('flow loader on invalid flows', () => {
  it('admits none of them and reports every problem with file and path', () => {
    expect(catalog.flows.size).toBe(0);
    expect(problems.every((problem) => problem.file.startsWith('test/fixtures/flows-invalid/cases/'))).toBe(true);
  });

  it.each([
    ['missing-key', /at steps\[0\]\.text: text "flows:does_not_exist" is missing in sq/],
    ['unreachable', /at steps\[1\]: step "orphan" cannot be reached from "q"/],
    ['unknown-indicator', /at steps\[0\]\.indicators\.yes\[1\]: indicator "unheard_of" is not in set "cases"/],
    ['cycle-without-exit', /at steps\[1\]: from step "b" no path reaches an end/],
    ['unknown-guard', /"is_adult" is not a guard of this flow/],
    ['unknown-guard', /answers\.nope: there is no such step/],
    ['unsafe-condition', /at steps\[0\]\.next\[0\]\.when: .*(only answers|only includes)/],
    ['bad-yaml', /at line \d+: not valid YAML/],
    ['bad-shape', /at version: /],
    ['bad-shape', /at steps\[0\]\.type: /],
    ['wrong-name', /at id: is "cases\/another-name" but the file says "cases\/wrong-name"/],
    ['screening-keeps-profile', /at anonymous: only a survey can keep who answered; a screening is always anonymous/],
    ['long-buttons', /at steps\[0\]\.id: step id "where_did_you_first_hear_of_the_job_offer" has 41 characters; a step with buttons may have at most 40/],
    ['long-buttons', /at steps\[2\]\.options\[0\]\.code: the button "t\|how_much_were_you_promised_each_month\|more_than_a_thousand_euros_each_month" takes 77 bytes; Telegram carries at most 64/],
  ])('%s: %s', (name, message) => {
    expect(about(name)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('reports each button too long for Telegram once, and no button that fits', () => {
    expect(about('long-buttons')).toHaveLength(2);
  });

  it('reports a missing text once per language', () => {
    expect(about('missing-key')).toHaveLength(2);
  });
});

describe('flow loader on the shipped flows', () => {
  const shipped = loadAreaFlows();

  it('finds no problem', () => {
    expect(shipped.problems.map(formatProblem)).toEqual([]);
    expect(shipped.catalog.flows.size).toBeGreaterThan(0);
  });
});

describe('flow loader on texts', () => {
  it('reports texts that the flow never shows, in each language', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ura-flows-'));
    mkdirSync(join(dir, 'surveys'));
    writeFileSync(
      join(dir, 'surveys/tiny.yaml'),
      'id: surveys/tiny\nversion: 1\nkind: survey\ntitle: title\nlanguages: [sq, en]\nstart: q\nsteps:\n  - { id: q, type: yesno, text: q, next: end }\n  - { id: end, type: end, outcome: done, text: end }\n',
    );
    const texts = { title: 'T', q: 'Q?', end: 'E', leftover: { old: 'x' } };
    const { problems, catalog } = loadFlows(dir, { sq: { 'surveys.tiny': texts, flows: {} }, en: { 'surveys.tiny': { ...texts, leftover: {} }, flows: {} } });
    expect(problems.map(formatProblem)).toEqual([`${relative(packageRoot, dir)}/surveys/tiny.yaml at locales/sq/surveys.tiny.json: text "leftover.old" is not used by the flow`]);
    expect(catalog.flows.size).toBe(0);
  });
});

describe('flow loader on the rules for children', () => {
  it('reports a referral whose operator label is missing in a language, and admits the flow once it is there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ura-flows-'));
    mkdirSync(join(dir, 'helpline'));
    writeFileSync(
      join(dir, 'helpline/indicators.yaml'),
      'set: tiny\nversion: 1\nindicators:\n  - { id: sexual, label: sexual, level: high, weight: 5, element: purpose, forChild: { minimumLevel: HIGH, refer: child_protection } }\n',
    );
    writeFileSync(
      join(dir, 'helpline/tiny.yaml'),
      'id: helpline/tiny\nversion: 1\nkind: screening\ntitle: title\nlanguages: [sq, en]\nindicators: tiny\nlevels: { concern: 2, high: 8 }\nstart: q\nsteps:\n  - { id: q, type: yesno, text: q, indicators: { yes: [sexual] }, next: end }\n  - { id: end, type: end, outcome: done, text: end }\n',
    );
    const texts = { title: 'T', q: 'Q?', end: 'E' };
    const labels = { sexual: 'Sexual exploitation', refer: { child_protection: 'Refer to child protection' } };
    const without = loadFlows(dir, {
      sq: { 'helpline.tiny': texts, 'indicators.tiny': { sexual: 'Shfrytëzim seksual' }, flows: {} },
      en: { 'helpline.tiny': texts, 'indicators.tiny': labels, flows: {} },
    });
    expect(without.problems.map(formatProblem)).toEqual([
      `${relative(packageRoot, dir)}/helpline/tiny.yaml at indicator set tiny: indicators[0].forChild.refer: operator label "refer.child_protection" is missing in sq`,
    ]);
    const withLabel = loadFlows(dir, { sq: { 'helpline.tiny': texts, 'indicators.tiny': labels, flows: {} }, en: { 'helpline.tiny': texts, 'indicators.tiny': labels, flows: {} } });
    expect(withLabel.problems).toEqual([]);
    expect(withLabel.catalog.get('helpline/tiny')).toBeDefined();
  });
});

describe('flow loader on actions', () => {
  const flowWith = (actions: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'ura-flows-'));
    mkdirSync(join(dir, 'surveys'));
    writeFileSync(
      join(dir, 'surveys/tiny.yaml'),
      `id: surveys/tiny\nversion: 1\nkind: survey\ntitle: title\nlanguages: [sq]\nstart: q\nsteps:\n  - { id: q, type: yesno, text: q, next: end }\n  - { id: end, type: end, outcome: done, text: end, actions: ${actions} }\n`,
    );
    return dir;
  };
  const texts = { sq: { 'surveys.tiny': { title: 'T', q: 'Q?', end: 'E' }, flows: {} } };

  it('admits an action an area handles, and refuses a name no area handles with file, path and the known names', () => {
    const known = loadFlows(flowWith('[show_services]'), texts, FLOW_ACTIONS);
    expect(known.problems).toEqual([]);
    expect(known.catalog.get('surveys/tiny')).toBeDefined();

    const dir = flowWith('[show_services, show_servces]');
    const typo = loadFlows(dir, texts, FLOW_ACTIONS);
    expect(typo.problems.map(formatProblem)).toEqual([
      `${relative(packageRoot, dir)}/surveys/tiny.yaml at steps[1].actions[1]: action "show_servces" is not handled by any area; the areas handle offer_handoff, show_emergency, show_services`,
    ]);
    expect(typo.catalog.flows.size).toBe(0);
  });

  it('takes the names from the areas: one an area registers loads, and without registrations no action does', () => {
    expect(loadFlows(flowWith('[count_vote]'), texts, { events: ['count_vote'] }).problems).toEqual([]);
    expect(loadFlows(flowWith('[show_services]'), texts).problems.map((problem) => problem.message)).toEqual(['action "show_services" is not handled by any area; no area handles any action']);
  });

  it('refuses a name that is not written like one at the schema', () => {
    expect(loadFlows(flowWith('[Show-Services]'), texts, FLOW_ACTIONS).problems.map((problem) => problem.path)).toEqual(['steps[1].actions[0]']);
  });
});
