import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig } from '../../src/config.js';
import { redactDatabaseUrl } from '../../src/storage/database-url.js';
import { TEST_SECRETS } from '../support/config.js';

const PASSWORD = 'pg-Secr3t-pw';

describe('database URLs shown to people', () => {
  it('hide the password given in the user part', () => {
    expect(redactDatabaseUrl(`postgresql://ura:${PASSWORD}@db:5432/ura`)).toBe('postgresql://ura:***@db:5432/ura');
    expect(redactDatabaseUrl(`postgres://ura:${PASSWORD}/?#x@db/ura`)).toBe('postgres://ura:***@db/ura');
    expect(redactDatabaseUrl('postgresql://ura@db:5432/ura')).toBe('postgresql://ura@db:5432/ura');
  });

  it('hide a password given as a query parameter, whatever its case', () => {
    for (const name of ['password', 'PASSWORD', 'Password', 'sslpassword']) {
      const shown = redactDatabaseUrl(`postgresql://ura@db:5432/ura?sslmode=require&${name}=${PASSWORD}&schema=ura`);
      expect(shown).not.toContain(PASSWORD);
      expect(shown).toContain('sslmode=require');
      expect(shown).toContain('schema=ura');
    }
  });

  it('hide a password in a SQLite file URL and in a URL that cannot be parsed', () => {
    expect(redactDatabaseUrl(`file:./data/ura.db?password=${PASSWORD}`)).not.toContain(PASSWORD);
    expect(redactDatabaseUrl('file:./data/ura.db')).toBe('file:./data/ura.db');
    expect(redactDatabaseUrl(`postgresql://ura:${PASSWORD}@[bad/ura?password=${PASSWORD}`)).not.toContain(PASSWORD);
  });

  it('are shown by `config check` without the password', () => {
    const result = loadConfig({ ...TEST_SECRETS, DATABASE_URL: `postgresql://ura:${PASSWORD}@db/ura?Password=${PASSWORD}` }, '/tmp');
    if (!result.ok) throw new Error(result.problems.join());
    expect(JSON.stringify(describeConfig(result.config))).not.toContain(PASSWORD);
  });
});
