import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAreaFlows } from '../../src/flow-actions.js';
import { createI18n } from '../../src/i18n/index.js';
import { packageRoot } from '../../src/shared/paths.js';

// "1" picks the first choice (or ticks it, or is a short text), "d" finishes a
// multiple choice, "30" answers a number: repeated, this walks any flow to an end,
// passing through the hints that answers which do not fit get.
const SCRIPT = '1\nd\n30\n'.repeat(80);

function chat(flow: string, language: string, input: string) {
  const result = spawnSync(process.execPath, [join(packageRoot, 'bin/ura.js'), 'chat', '--flow', flow, '--lang', language], {
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const flows = [...loadAreaFlows().catalog.flows.values()];
const i18n = createI18n();

describe('ura chat', () => {
  it.each(flows.map((compiled) => [compiled.flow.id, compiled.flow.kind] as const))('walks %s to its end in the terminal and prints the result', (id, kind) => {
    const { code, out } = chat(id, 'sq', SCRIPT);
    expect(code).toBe(0);
    expect(out).toMatch(/\[end: [a-z0-9_]+\]/);
    expect(out).toMatch(/Outcome: [a-z0-9_]+/);
    if (kind === 'screening') expect(out).toMatch(/Level: (INFO|CONCERN|HIGH|URGENT) {2}Score: \d+/);
  });

  it('shows Albanian texts, hints for answers that do not fit, and stops on q', () => {
    const { code, out } = chat('surveys/service-feedback', 'sq', '9\nq\n');
    expect(code).toBe(0);
    expect(out).toContain(i18n.t('sq', 'surveys.service-feedback:helpful.text'));
    expect(out).toContain(i18n.t('sq', 'flows:hint.choose'));
    expect(out).toContain('Outcome: (not finished)');
  });

  it('speaks to a young person as "ti" in its hints, as Telegram does, and to everyone else as "ju"', () => {
    const young = chat('helpline/young-person', 'sq', '9\nq\n');
    expect(young.code).toBe(0);
    expect(young.out).toContain(i18n.t('sq', 'flows:hint_young.choose'));
    expect(young.out).not.toContain(i18n.t('sq', 'flows:hint.choose'));
    const adult = chat('helpline/self-check', 'sq', '9\nq\n');
    expect(adult.out).toContain(i18n.t('sq', 'flows:hint.choose'));
    expect(adult.out).not.toContain(i18n.t('sq', 'flows:hint_young.choose'));
  });

  it('refuses an unknown flow or a language the flow is not written in', () => {
    expect(chat('helpline/nope', 'sq', '')).toMatchObject({ code: 2, err: expect.stringMatching(/No usable flow "helpline\/nope"/) });
    expect(chat('surveys/service-feedback', 'de', '')).toMatchObject({ code: 2, err: expect.stringMatching(/--lang de is not one of them/) });
  });
});

describe('ura flows check', () => {
  const check = (...args: string[]) => spawnSync(process.execPath, [join(packageRoot, 'bin/ura.js'), 'flows', 'check', ...args], { encoding: 'utf8', timeout: 30_000 });

  it('passes on the shipped flows', () => {
    const result = check();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`All ${flows.length} flows are valid`));
    expect(result.stdout).toMatch(/Review status of the texts:\n  el: all \d+ files are machine drafts/);
    expect(result.stdout).toMatch(/\n  sq: all \d+ files are machine drafts/);
  });

  it("gives each language's review status in --json, and fails on a text file without one", () => {
    const shipped = check('--json');
    expect(shipped.status).toBe(0);
    expect(JSON.parse(shipped.stdout).review.sq['helpline.json']).toEqual({ status: 'machine_draft' });
    const dir = mkdtempSync(join(tmpdir(), 'ura-review-'));
    try {
      mkdirSync(join(dir, 'sq'));
      writeFileSync(join(dir, 'sq', 'bot.json'), '{}');
      writeFileSync(join(dir, 'sq', 'REVIEW.yaml'), 'bot.json: { status: proofread }\n');
      const result = check('--locales', dir);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/sq\/REVIEW\.yaml at bot\.json\.status: status must be machine_draft, or reviewed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails on the invalid fixtures, listing a problem for every one of them', () => {
    const result = check(join(packageRoot, 'test/fixtures/flows-invalid'));
    expect(result.status).toBe(1);
    for (const name of ['missing-key', 'unreachable', 'unknown-indicator', 'cycle-without-exit', 'unknown-guard', 'unsafe-condition', 'bad-yaml', 'bad-shape', 'wrong-name']) {
      expect(result.stderr).toContain(`test/fixtures/flows-invalid/cases/${name}.yaml at `);
    }
    expect(result.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/); // a list of problems, not a stack trace
  });
});

describe('ura directory check', () => {
  it('passes on the shipped directory and lists what needs verifying', () => {
    const result = spawnSync(process.execPath, [join(packageRoot, 'bin/ura.js'), 'directory', 'check'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).toMatch(/\d+ (valid )?entr/);
  });

  it('fails on the invalid fixtures, naming each problem', () => {
    const fixtures = join(packageRoot, 'test/fixtures/directory-invalid');
    const result = spawnSync(process.execPath, [join(packageRoot, 'bin/ura.js'), 'directory', 'check', join(fixtures, 'cases'), '--locales', join(fixtures, 'locales')], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/bad-kind\.yaml/);
    expect(result.stderr).toMatch(/unknown-region\.yaml/);
  });
});

describe('ura operators', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ura-operators-'));
  const ura = (...args: string[]) => spawnSync(process.execPath, [join(packageRoot, 'bin/ura.js'), 'operators', ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });

  it('adds, lists and removes operators', () => {
    expect(ura('add', '--telegram-id', '7390514826', '--languages', 'sq,en', '--name', 'Arta', '--skills', 'child')).toMatchObject({ status: 0 });
    expect(ura('list', '--json')).toMatchObject({ status: 0 });
    const listed = JSON.parse(ura('list', '--json').stdout);
    expect(listed).toEqual([expect.objectContaining({ telegramId: '7390514826', pseudonym: 'Arta', role: 'operator', languages: ['sq', 'en'], skills: ['child'] })]);
    expect(ura('add', '--telegram-id', '7390514826', '--languages', 'sq')).toMatchObject({ status: 1, stderr: expect.stringMatching(/already registered/) });
    expect(ura('remove', '7390514826')).toMatchObject({ status: 0 });
    expect(ura('remove', '7390514826')).toMatchObject({ status: 1, stderr: expect.stringMatching(/No operator has the id/) });
  });

  it('refuses wrong arguments with the reason and a usage line, storing nothing', () => {
    const result = ura('add', '--telegram-id', 'abc', '--languages', 'English', '--role', 'boss');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--telegram-id must be the numeric Telegram user id/);
    expect(result.stderr).toMatch(/--role must be one of operator, supervisor, admin/);
    expect(result.stderr).toMatch(/^usage: ura operators add/m);
    expect(JSON.parse(ura('list', '--json').stdout)).toEqual([]);
  });
});
