import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { TEST_SECRETS } from '../support/config.js';

const REFUSE_TYPESCRIPT = join(packageRoot, 'test/fixtures/refuse-typescript.mjs');
const PASSWORD = 'pg-Secr3t-in-url';

/** Runs `ura` from `root` in a fresh working directory, refusing any TypeScript on the way. */
function ura(root: string, args: string[], env: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'ura-cli-'));
  try {
    return spawnSync(process.execPath, ['--import', REFUSE_TYPESCRIPT, join(root, 'bin/ura.js'), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...TEST_SECRETS, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

describe('the `ura` command as installed with production dependencies only', () => {
  it('runs plain JavaScript from dist/: no tsx and no TypeScript file is loaded', () => {
    const result = ura(packageRoot, ['config', 'check'], { DATABASE_URL: `postgresql://ura:${PASSWORD}@db:5432/ura?password=${PASSWORD}` });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Configuration is valid.');
    expect(result.stdout).toContain('postgresql://ura:***@db:5432/ura');
    expect(result.stdout).not.toContain(PASSWORD);
  });

  it('does the same for a command that loads the whole service (`migrate --status`)', () => {
    const result = ura(packageRoot, ['migrate', '--status', '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ provider: 'sqlite' });
  });

  describe('in a copy of the sources', () => {
    const copy = mkdtempSync(join(tmpdir(), 'ura-copy-'));
    afterAll(() => rmSync(copy, { recursive: true, force: true }));

    it('builds dist/ when there is none, and rebuilds it when a source changed, so it never runs stale code', () => {
      for (const part of ['src', 'bin', 'scripts', 'package.json']) cpSync(join(packageRoot, part), join(copy, part), { recursive: true });
      symlinkSync(realpathSync(join(packageRoot, 'node_modules')), join(copy, 'node_modules'));
      expect(ura(copy, ['config', 'check']).stdout).toContain('Configuration is valid.');

      const source = join(copy, 'src/cli/config-check.ts');
      writeFileSync(source, readFileSync(source, 'utf8').replace("'Configuration is valid.'", "'The configuration was checked again.'"));
      const changed = ura(copy, ['config', 'check']);
      expect(changed.stderr).toBe('');
      expect(changed.stdout).toContain('The configuration was checked again.');
    });
  });
});
