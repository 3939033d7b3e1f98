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
    // Files share their worker's modules instead of loading Ura afresh for each (a third
    // of the suite's CPU time went to that). No test changes a module's state, the
    // environment or a global: each opens its own database, ports and Ura.
    isolate: false,
  },
});
