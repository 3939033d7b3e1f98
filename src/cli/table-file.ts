import { readFileSync, statSync } from 'node:fs';
import { formatOf, type TableFile } from '../shared/table-file.js';
import { EXIT, ExitError } from './environment.js';

/** Larger than any list of people or pile of paper forms; a bigger file is a mistake. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** A table file a command reads (given by `flag`); a missing, unknown or oversized file is a usage problem (exit code 2). */
export function readTableFile(path: string, flag: string, usage: string): TableFile {
  const format = formatOf(path);
  if (!format) throw new ExitError(EXIT.badConfig, [`${flag} must be a .csv or .xlsx file, not "${path}"`, usage]);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new ExitError(EXIT.badConfig, [`${flag} ${path} cannot be read (no such file?)`, usage]);
  }
  if (size > MAX_FILE_BYTES) throw new ExitError(EXIT.badConfig, [`${flag} ${path} has ${size} bytes; at most ${MAX_FILE_BYTES} are read`]);
  return { format, bytes: readFileSync(path) };
}
