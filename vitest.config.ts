import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The `ura` command runs the JavaScript built in dist/.
    globalSetup: ['test/support/build-dist.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Database and end-to-end tests open files, schemas and ports of their own,
    // so files may run in parallel; the machine has two cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
