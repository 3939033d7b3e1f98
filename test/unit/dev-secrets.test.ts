import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { withDevSecrets } from '../../src/shared/dev-secrets.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ura-secrets-'));

describe('withDevSecrets', () => {
  it('creates data/secrets.json once, private to the owner, and reuses it', () => {
    const cwd = tempDir();
    const first = withDevSecrets({}, cwd, { create: true });
    expect(first.created).toBe(true);
    const file = join(cwd, 'data/secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = withDevSecrets({}, cwd, { create: true });
    expect(second.created).toBe(false);
    expect(second.env.DATA_KEY).toBe(first.env.DATA_KEY);
    expect(second.env.ID_PEPPER).toBe(first.env.ID_PEPPER);
    expect(loadConfig(second.env, cwd).ok).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain(String(first.env.DATA_KEY));
  });

  it('previews without writing when asked not to create, so a check says what start will do', () => {
    const cwd = tempDir();
    const result = withDevSecrets({}, cwd, { create: false });
    expect(result.pending).toBe(true);
    expect(result.file).toBe(join(cwd, 'data/secrets.json'));
    expect(existsSync(result.file ?? '')).toBe(false);
    expect(loadConfig(result.env, cwd).ok).toBe(true);
  });

  it('never supplies secrets in production', () => {
    const result = withDevSecrets({ NODE_ENV: 'production' }, tempDir(), { create: true });
    expect(result.created).toBeUndefined();
    expect(result.env.DATA_KEY).toBeUndefined();
  });

  it('keeps explicitly set secrets over the file', () => {
    const cwd = tempDir();
    withDevSecrets({}, cwd, { create: true });
    const result = withDevSecrets({ ID_PEPPER: 'p'.repeat(40) }, cwd, { create: true });
    expect(result.env.ID_PEPPER).toBe('p'.repeat(40));
  });

  it('explains a damaged secrets file instead of crashing', () => {
    const cwd = tempDir();
    withDevSecrets({}, cwd, { create: true });
    writeFileSync(join(cwd, 'data/secrets.json'), '{ not json');
    expect(withDevSecrets({}, cwd, { create: true }).problem).toMatch(/not a valid secrets file/);
  });
});
