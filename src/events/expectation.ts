import type { Expectation } from '../shared/expectation.js';

export { type Expectation, sayExpected } from '../shared/expectation.js';

/** What the events area's lists expect, said as `events:expected.<code>`. */
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
] as const;
export type ExpectedCode = (typeof EXPECTED_CODES)[number];

export const expecting = (code: ExpectedCode, values?: Expectation['values']): Expectation<ExpectedCode> => (values ? { code, values } : { code });
