/**
 * Looking for a Telegram identity in Ura's files and log, in every form it could
 * have been written: finding any means it leaked.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { UserOptions } from '../support/emulator.js';

/** Every file under a directory, with its path relative to it. */
export function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((path) => join(dir, path))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path: relative(dir, path), bytes: readFileSync(path) }));
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');

/** A clue as it could be written: as given, in other case, without diacritics; as UTF-8 and UTF-16. */
function textForms(clue: string): Buffer[] {
  const spellings = new Set([clue, clue.toLowerCase(), clue.toUpperCase(), fold(clue), fold(clue).toLowerCase()]);
  return [...spellings].flatMap((spelling) => [Buffer.from(spelling, 'utf8'), Buffer.from(spelling, 'utf16le'), Buffer.from(spelling, 'utf16le').swap16()]);
}

/** A Telegram id as a number could be stored: SQLite's big-endian integers (6 and 8 bytes), a double, little-endian. */
function numberForms(id: number): Buffer[] {
  const int64 = (write: (buffer: Buffer) => void) => {
    const buffer = Buffer.alloc(8);
    write(buffer);
    return buffer;
  };
  const big = int64((buffer) => buffer.writeBigInt64BE(BigInt(id)));
  return [
    big,
    big.subarray(2), // SQLite keeps an integer below 2^47 in 6 bytes
    int64((buffer) => buffer.writeBigInt64LE(BigInt(id))),
    int64((buffer) => buffer.writeDoubleBE(id)),
    int64((buffer) => buffer.writeDoubleLE(id)),
  ];
}

/** What must never be found: each person's first name, username and numeric id, in every form above. */
const cluesOf = (people: UserOptions[]) =>
  people.flatMap((person) => [
    ...[person.firstName, person.username ?? `${person.firstName}_e2e`, String(person.userId)].map((clue) => ({ clue, forms: textForms(clue) })),
    { clue: `${person.userId} (binary)`, forms: numberForms(person.userId) },
  ]);

/** Where, in the files under `dir` and in Ura's output, any of the people's identity appears. */
export function identitiesFound(dir: string, output: string[], people: UserOptions[]): string[] {
  const files = [...filesUnder(dir), { path: '(Ura’s output)', bytes: Buffer.from(output.join('\n'), 'utf8') }];
  return files.flatMap((file) =>
    cluesOf(people)
      .filter(({ forms }) => forms.some((form) => file.bytes.includes(form)))
      .map(({ clue }) => `${file.path}: ${clue}`),
  );
}
