import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';

const ura = (args: string[], input: string) =>
  spawnSync(process.execPath, [join(packageRoot, 'bin/ura.js'), 'urgent', 'check', ...args], { cwd: packageRoot, input, encoding: 'utf8', timeout: 60_000 });

describe('ura urgent check', () => {
  it('prints for each sentence on standard input whether it is urgent and which entry matched', () => {
    const run = ura(['--lang', 'sq'], 'ma morën pasaportën\nKam nevojë për ndihmë për të gjetur punë\n\ndua të vras veten\n');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^URGENT {2}ma morën pasaportën {2}\(danger\.passport_taken: .+\)$/);
    expect(lines[1]).toBe('calm    Kam nevojë për ndihmë për të gjetur punë');
    expect(lines[2]).toMatch(/^URGENT {2}dua të vras veten {2}\(self_harm\.suicide: /);
  });

  it('prints a JSON array of { text, urgent, matched } with --json, in the language asked for only', () => {
    const run = ura(['--lang', 'en', '--json'], 'he beats me\nhelp me find a job\nmë rrahin\n');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { text: 'he beats me', urgent: true, matched: 'beaten', category: 'danger', pattern: expect.any(String) },
      { text: 'help me find a job', urgent: false, matched: null, category: null, pattern: null },
      { text: 'më rrahin', urgent: false, matched: null, category: null, pattern: null },
    ]);
  });

  it('reads a corpus file as it is and marks what it misses or raises by mistake, with a summary', () => {
    const run = ura(['--lang', 'en'], '# a comment\ndanger\tI was raped\ndanger\tthey are nice to me\nordinary\tI have my passport with me\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('calm   MISSED  they are nice to me');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('danger heard: 1 of 2 (50.0%); false alarms: 0 of 1 (0.0%)');
  });

  it('refuses an unknown or missing language with a clear message and exit code 2', () => {
    const unknown = ura(['--lang', 'de'], 'hello\n');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown language "de": use --lang with one of sq, en, it, el.');
    const missing = ura([], 'hello\n');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Missing --lang');
  });
});
