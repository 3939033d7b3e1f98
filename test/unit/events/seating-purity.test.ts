import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/shared/paths.js';

// The seating planner: pure code, repeatable for a seed, that the CLI, the rounds and the tests drive alike.
// (seating-list.ts, the file reader, is its only part that reads a file's bytes.)
const CORE = ['board', 'design', 'hosts', 'metrics', 'model', 'planner', 'random', 'refusals', 'replan', 'search', 'seat'];
/** The seeded generator the benchmarks share, itself checked below. */
const SHARED = '../../shared/random.js';

describe.each(CORE)('src/events/seating/%s.ts', (name) => {
  const source = readFileSync(join(packageRoot, 'src/events/seating', `${name}.ts`), 'utf8');
  const imports = [...source.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1] ?? '');

  it('imports only the planner itself', () => {
    expect(imports.filter((specifier) => specifier !== SHARED && !CORE.some((core) => specifier === `./${core}.js`))).toEqual([]);
  });

  it('never reads the clock or an unseeded random number', () => {
    expect(source).not.toMatch(/Date\.now\(|new Date\(|performance\.now|Math\.random/);
  });
});

describe('src/shared/random.ts', () => {
  it('imports nothing and never reads the clock or an unseeded random number', () => {
    const source = readFileSync(join(packageRoot, 'src/shared/random.ts'), 'utf8');
    expect(source).not.toMatch(/^import/m);
    expect(source).not.toMatch(/Date\.now\(|new Date\(|performance\.now|Math\.random/);
  });
});
