import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/shared/paths.js';

// The engine and what it runs on: pure code that any transport can drive.
const CORE = ['engine', 'known-answers', 'scoring', 'state', 'expression', 'catalog', 'schema', 'graph', 'buttons'];
const ALLOWED = new Set(['zod', 'jsep']);

describe.each(CORE)('src/flows/%s.ts', (name) => {
  const source = readFileSync(join(packageRoot, 'src/flows', `${name}.ts`), 'utf8');
  const imports = [...source.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1] ?? '');

  it('imports no transport, storage, i18n or Node module', () => {
    expect(imports.filter((specifier) => !specifier.startsWith('./') && !ALLOWED.has(specifier))).toEqual([]);
    expect(imports.filter((specifier) => specifier.startsWith('./') && !CORE.some((core) => specifier === `./${core}.js`))).toEqual([]);
  });

  it('never reads the clock', () => {
    expect(source).not.toMatch(/Date\.now\(|new Date\(\)|performance\.now/);
  });
});
