/**
 * What a cell or a file should have been, as a code and its values: each reader of a
 * problem says it in its own language (`events:expected.<code>`), the organiser's page
 * in theirs, the `ura` command in English. A value may itself be an expectation (why a
 * file could not be read, inside "a CSV file that can be read").
 */
export interface Expectation {
  code: ExpectedCode;
  values?: Readonly<Record<string, string | number | Expectation>>;
}

export const EXPECTED_CODES = [
  'column_once',
  'column_named',
  'name',
  'name_length',
  'organisation',
  'organisation_length',
  'contact_length',
  'org_type',
  'region',
  'new_person',
  'same_org_type',
  'listed_org_type',
  'walk_in',
  'id',
  'id_length',
  'new_id',
  'host',
  'file_kind',
  'file_readable',
  'file_no_sheet',
  'file_not_utf8',
  'file_broken',
  'file_empty',
  'file_too_long',
] as const;
export type ExpectedCode = (typeof EXPECTED_CODES)[number];

export const expecting = (code: ExpectedCode, values?: Expectation['values']): Expectation => (values ? { code, values } : { code });

/** Says an expectation: `say(key, values)` is a translator of the events namespace. */
export function sayExpected(expectation: Expectation, say: (key: string, values: Record<string, string | number>) => string): string {
  const values = Object.fromEntries(Object.entries(expectation.values ?? {}).map(([name, value]) => [name, typeof value === 'object' ? sayExpected(value, say) : value]));
  return say(`expected.${expectation.code}`, values);
}
