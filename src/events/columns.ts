import { columnLetter, type RowProblem } from '../shared/expectation.js';
import type { TableRow } from '../shared/table-file.js';
import { expecting } from './expectation.js';

export { describeProblem, type RowProblem } from '../shared/expectation.js';

export interface Columns<C extends string> {
  /** The position of each known column the header names. */
  at: ReadonlyMap<C, number>;
  /** Missing required columns, a column named twice. */
  problems: RowProblem[];
  /** Header names that are not known columns (their cells are ignored), as written. */
  ignored: string[];
}

/** Finds the known columns in a header row, its names compared without case or surrounding spaces. */
export function readHeader<C extends string>(header: readonly string[], known: readonly C[], required: readonly C[]): Columns<C> {
  const at = new Map<C, number>();
  const problems: RowProblem[] = [];
  const ignored: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    const column = known.find((candidate) => candidate === name);
    if (column === undefined) {
      if (name !== '') ignored.push(raw.trim());
      return;
    }
    if (at.has(column)) problems.push({ row: 1, column, value: raw.trim(), expected: expecting('column_once', { column: columnLetter(at.get(column) ?? 0) }) });
    else at.set(column, index);
  });
  for (const column of required) {
    if (!at.has(column)) problems.push({ row: 1, column, value: '', expected: expecting('column_named', { column, columns: known.join(', ') }) });
  }
  return { at, problems, ignored };
}

/** A row's cell in a known column ('' when the row is shorter or the column absent). */
export const cellOf = <C extends string>(row: TableRow, columns: Columns<C>, column: C): string => {
  const index = columns.at.get(column);
  return index === undefined ? '' : (row.cells[index] ?? '');
};

/** Cells in columns the header does not name, which would be lost unnoticed. */
export function unnamedCells(rows: readonly TableRow[], header: readonly string[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) row.cells.forEach((cell, index) => cell !== '' && (header[index] ?? '').trim() === '' && columns.add(`column ${columnLetter(index)} (no name in row 1)`));
  return [...columns];
}
