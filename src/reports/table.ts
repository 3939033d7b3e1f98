import { toCsv, type CsvValue } from './csv.js';

/** A cell: text, a number, or null for a value not reported (blank in text, an empty field in CSV). */
export type Cell = CsvValue;

export interface Column {
  /** The header; a table prints a header line (and a CSV header record) when its columns have labels. */
  label?: string;
  /** Numbers read best right-aligned; text is left-aligned by default. */
  align?: 'left' | 'right';
  /**
   * A fixed width: a longer cell overflows its line instead of widening the column,
   * so a report's layout does not shift with its data. Without it, the widest cell.
   */
  width?: number;
  /**
   * Numbers printed with this many decimals in text and shown so in a workbook (40 as
   * "40.0" beside 41.7); CSV keeps the number as it is, as the JSON has it.
   */
  decimals?: number;
}

export interface Table {
  /** Printed above the rows, which are then indented under it. */
  title?: string;
  columns: readonly Column[];
  rows: readonly (readonly Cell[])[];
  /** Lines printed under the rows, indented like them. */
  notes?: readonly string[];
}

/** A titled document of tables, as a committee reads it in a terminal or a text file. */
export interface Report {
  title: string;
  /** Lines right under the title: what the marks mean, where the numbers come from. */
  notes?: readonly string[];
  tables: readonly Table[];
}

const INDENT = '  ';
const EMPTY = '(none)';

const cellText = (cell: Cell | undefined, column?: Column): string =>
  cell === null || cell === undefined ? '' : typeof cell === 'number' && column?.decimals !== undefined ? cell.toFixed(column.decimals) : String(cell);

const headerOf = (table: Table): string[][] => (table.columns.some((column) => column.label !== undefined) ? [table.columns.map((column) => column.label ?? '')] : []);

/** A table's lines: its title, a header when its columns have labels, its rows (or "(none)"), its notes. */
export function renderTableText(table: Table): string[] {
  const indent = table.title === undefined ? '' : INDENT;
  const lines = [...headerOf(table), ...table.rows.map((row) => table.columns.map((column, index) => cellText(row[index], column)))];
  const widths = table.columns.map((column, index) => column.width ?? Math.max(0, ...lines.map((line) => (line[index] ?? '').length)));
  const line = (texts: string[]) => {
    const cells = texts.map((text, index) => (table.columns[index]?.align === 'right' ? text.padStart(widths[index] ?? 0) : text.padEnd(widths[index] ?? 0)));
    // The padding of a last column would only leave spaces at the end of the line.
    return (indent + cells.join(' ')).trimEnd();
  };
  return [...(table.title === undefined ? [] : [table.title]), ...lines.map(line), ...(table.rows.length ? [] : [indent + EMPTY]), ...(table.notes ?? []).map((note) => indent + note)];
}

/** The report as text: its title and notes, then each table after a blank line. No final line break. */
export function renderReportText(report: Report): string {
  return [report.title, ...(report.notes ?? []), ...report.tables.flatMap((table) => ['', ...renderTableText(table)])].join('\n');
}

/** A table as CSV: a header record when its columns have labels, then its rows; title and notes are not data. */
export function renderTableCsv(table: Table): string {
  return toCsv([...headerOf(table), ...table.rows]);
}
