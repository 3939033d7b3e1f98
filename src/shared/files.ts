import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
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

/** A zod issue path as authors read it: `steps[3].options[0].label`, after `prefix` if given. */
export const zodPath = (path: readonly PropertyKey[], prefix = ''): string =>
  path.reduce<string>((at, part) => (typeof part === 'number' ? `${at}[${part}]` : `${at}${at ? '.' : ''}${String(part)}`), prefix);

/** Reads a YAML file and checks it against a schema; every problem is reported, none thrown. */
export function readYamlFile<T>(file: string, schema: z.ZodType<T>, report: (path: string, message: string) => void): T | undefined {
  const document = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
  if (document.errors.length > 0) {
    for (const error of document.errors) report(`line ${error.linePos?.[0]?.line ?? '?'}`, `not valid YAML: ${error.message.split('\n')[0]}`);
    return undefined;
  }
  const parsed = schema.safeParse(document.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(zodPath(issue.path), issue.message);
    return undefined;
  }
  return parsed.data;
}
