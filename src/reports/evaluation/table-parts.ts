import type { Translate } from '../../i18n/index.js';
import type { Column, Table } from '../table.js';
import type { EvaluationForm, FormItem } from './model.js';

// What the evaluation report's tables share: their names, labels and the wording of items.

/** A table with the stable name its CSV file and the command's `--table` use. */
export interface NamedTable {
  name: EvaluationTableName;
  table: Table;
}

export const EVALUATION_TABLES = ['summary', 'scale', 'previous', 'choices', 'open', 'quotes', 'breakdowns', 'profile', 'agreement', 'disagreements'] as const;
export type EvaluationTableName = (typeof EVALUATION_TABLES)[number];

export interface TableText {
  /** A translator bound to the `reports` namespace in the report's language. */
  t: Translate;
  /** The language of the item wordings (a key of the form's texts). */
  language: string;
}

export const number: Column = { align: 'right' };
export const labelled = (label: string, column: Column = {}): Column => ({ ...column, label });

/** An item's wording in the language, else its first, else its code. */
export const wordingOf = (form: EvaluationForm, code: string, language: string): string => {
  const item: FormItem | undefined = form.items.find((candidate) => candidate.code === code);
  return item?.text[language] ?? Object.values(item?.text ?? {})[0] ?? code;
};
