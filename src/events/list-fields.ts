import { z } from 'zod';
import { INVITE_REGIONS, ORG_TYPES } from './model.js';
import { cleanName, codeKey } from './normalise.js';

// The fields of a list row, each read from a cell's text. Their messages are what the
// organiser reads after "expected": they say what would have been right.

const MAX_TEXT = 200;

const text = (what: string) =>
  z
    .string()
    .transform(cleanName)
    .pipe(z.string().min(1, `${what} (the cell is empty)`).max(MAX_TEXT, `${what} of at most ${MAX_TEXT} characters`));

export const personName = text('the person’s name');
export const organisationName = text('the name of the organisation');

export const orgType = z
  .string()
  .transform(codeKey)
  .pipe(z.enum(ORG_TYPES, { error: `one of ${ORG_TYPES.join(', ')}` }));

export const region = z
  .string()
  .transform(codeKey)
  .pipe(z.enum(INVITE_REGIONS, { error: `one of the 12 counties (${INVITE_REGIONS.slice(0, 12).join(', ')}), national or international` }));

/** An e-mail address, a phone number: whatever the organisers reach the person by; empty is none. */
export const contact = z
  .string()
  .transform(cleanName)
  .pipe(z.string().max(MAX_TEXT, `a contact of at most ${MAX_TEXT} characters, or nothing`))
  .transform((value) => (value === '' ? null : value));
