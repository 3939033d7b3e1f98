import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { packageRoot } from './paths.js';

/** Every file under `dir` whose name matches, in a stable order (data files: flows, directory). */
export function filesUnder(dir: string, name: RegExp): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return filesUnder(path, name);
      return name.test(entry) ? [path] : [];
    });
}

/** A path as reported to authors: relative to the project, with forward slashes. */
export const displayPath = (file: string): string => relative(packageRoot, file).split(sep).join('/');
