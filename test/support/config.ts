import { loadConfig, type Config } from '../../src/config.js';

/** Fixed secrets for tests; never used outside them. */
export const TEST_SECRETS = {
  DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
  ID_PEPPER: 'test-pepper-test-pepper-test-pepper-0001',
};

export function testConfig(env: Record<string, string | undefined> = {}, cwd = process.cwd()): Config {
  const result = loadConfig({ ...TEST_SECRETS, LOG_LEVEL: 'silent', PORT: '0', ...env }, cwd);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}
