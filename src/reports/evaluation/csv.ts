import { renderTableCsv } from '../table.js';
import type { NamedTable } from './table-parts.js';

/** One CSV document per table, named as its file is (`<name>.csv`): a header record of the labels, then the rows; the numbers as the JSON has them. */
export function evaluationCsv(tables: readonly NamedTable[]): { name: string; csv: string }[] {
  return tables.map(({ name, table }) => ({ name: `${name}.csv`, csv: renderTableCsv(table) }));
}
