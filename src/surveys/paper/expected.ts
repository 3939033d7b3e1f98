import type { Expectation } from '../../shared/expectation.js';

/** What a paper responses file expects, said as `surveys:expected.<code>`. */
export const PAPER_EXPECTED = [
  'form_file',
  'item_column',
  'column_once',
  'respondent_length',
  'respondent_once',
  'respondent_new',
  'scale_point',
  'scale_point_no_na',
  'choice',
  'choices',
  'text_length',
  'profile_anonymous',
  'org_type',
  'region',
] as const;
export type PaperExpected = (typeof PAPER_EXPECTED)[number];

export const expecting = (code: PaperExpected, values?: Expectation['values']): Expectation<PaperExpected> => ({ code, ns: 'surveys', ...(values ? { values } : {}) });
