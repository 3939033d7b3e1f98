import { z } from 'zod';
import { INVITE_REGIONS, ORG_TYPES } from './model.js';
import { cleanName, codeKey } from './normalise.js';
import { EXPECTED_CODES, type Expectation, type ExpectedCode, expecting } from './expectation.js';

// The fields of a list row, each read from a cell's text. Their messages are the codes
// of what the organiser reads after "expected" (columns.ts: EXPECTED_CODES), said in
// the reader's language: what would have been right.

const MAX_TEXT = 200;

const text = (what: 'name' | 'organisation') =>
  z
    .string()
    .transform(cleanName)
    .pipe(z.string().min(1, what).max(MAX_TEXT, `${what}_length`));

export const personName = text('name');
export const organisationName = text('organisation');

export const orgType = z
  .string()
  .transform(codeKey)
  .pipe(z.enum(ORG_TYPES, { error: 'org_type' }));

export const region = z
  .string()
  .transform(codeKey)
  .pipe(z.enum(INVITE_REGIONS, { error: 'region' }));

/** An e-mail address, a phone number: whatever the organisers reach the person by; empty is none. */
export const contact = z
  .string()
  .transform(cleanName)
  .pipe(z.string().max(MAX_TEXT, 'contact_length'))
  .transform((value) => (value === '' ? null : value));

/** The values each field's expectation is said with. */
const FIELD_VALUES: Partial<Record<ExpectedCode, Expectation['values']>> = {
  name_length: { max: MAX_TEXT },
  organisation_length: { max: MAX_TEXT },
  contact_length: { max: MAX_TEXT },
  org_type: { types: ORG_TYPES.join(', ') },
  region: { counties: INVITE_REGIONS.slice(0, 12).join(', ') },
};

/** The expectation a field's message names (one of this file's codes). */
export function fieldExpectation(message: string): Expectation {
  const code = (EXPECTED_CODES as readonly string[]).includes(message) ? (message as ExpectedCode) : 'name';
  return expecting(code, FIELD_VALUES[code]);
}
