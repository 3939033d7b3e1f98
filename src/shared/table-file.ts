import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { errorMessage } from '../shared/errors.js';
import type { Expectation } from './expectation.js';

/**
 * Reading the tables organisers bring (an invitation list, a typed-up sign-in sheet, paper
 * survey answers) as rows of text, from CSV or from an Excel workbook (its first sheet), with exceljs for
 * both. Its CSV reader (fast-csv) follows RFC 4180: quoted fields with commas, doubled
 * quotes and line breaks, and a UTF-8 byte-order mark (which Excel writes) is dropped.
 * Every value is read as the text written: exceljs would otherwise turn "007" into 7
 * and "2006-11-16" into a date. A CSV whose header holds semicolons and no comma (Excel
 * writes those where the decimal mark is a comma, as in Albania and Italy) is read with
 * semicolons.
 */

/** Why a file cannot be read, said as `common:expected.<code>`. */
export const TABLE_PROBLEMS = ['file_no_sheet', 'file_not_utf8', 'file_broken', 'file_empty', 'file_too_long'] as const;
export type TableProblem = (typeof TABLE_PROBLEMS)[number];
const expecting = (code: TableProblem, values?: Expectation['values']): Expectation<TableProblem> => ({ code, ns: 'common', ...(values ? { values } : {}) });

export const TABLE_FORMATS = ['csv', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export interface TableFile {
  format: TableFormat;
  bytes: Uint8Array;
}

/** A row as a spreadsheet numbers it (the header is row 1), its cells trimmed. */
export interface TableRow {
  row: number;
  cells: string[];
}

export interface Table {
  header: string[];
  /** Rows after the header that have any text. */
  rows: TableRow[];
}

/** More rows than any event's list or pile of paper forms: a file this long is a mistake (or an attack), read no further. */
export const MAX_ROWS = 10_000;

/** The format a file's name says, if it is one Ura reads. */
export function formatOf(fileName: string): TableFormat | undefined {
  const extension = fileName.toLowerCase().split('.').at(-1);
  return TABLE_FORMATS.find((format) => format === extension);
}

const keepText = (value: unknown): unknown => value;

/** exceljs and the hundreds of modules under it are loaded when a table is read, not by every `ura` command that could read one. */
const newWorkbook = async (): Promise<ExcelJS.Workbook> => new (await import('exceljs')).default.Workbook();

async function readCsv(bytes: Uint8Array, delimiter: string): Promise<ExcelJS.Worksheet> {
  const workbook = await newWorkbook();
  return workbook.csv.read(Readable.from([Buffer.from(bytes)]), { map: keepText, parserOptions: { delimiter } });
}

async function readXlsx(bytes: Uint8Array): Promise<ExcelJS.Worksheet | undefined> {
  const workbook = await newWorkbook();
  await workbook.xlsx.read(Readable.from([Buffer.from(bytes)]));
  return workbook.worksheets[0];
}

/**
 * A cell as the organiser sees it; a date as YYYY-MM-DD rather than JavaScript's long form,
 * and a number formatted as a percentage as the percentage shown ("39%", where Excel stores
 * 0.39), so that a figure typed as 39% is not read as 0.39.
 */
const cellText = (cell: ExcelJS.Cell): string => {
  if (cell.value instanceof Date) return cell.value.toISOString().slice(0, 10);
  if (typeof cell.value === 'number' && cell.numFmt?.includes('%')) return `${Number((cell.value * 100).toPrecision(12))}%`;
  return cell.text.trim();
};

function rowsOf(sheet: ExcelJS.Worksheet): TableRow[] {
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column)));
    rows.push({ row: number, cells });
  });
  return rows;
}

const isUtf8 = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

const isBlank = (row: TableRow): boolean => row.cells.every((cell) => cell === '');

/** The file's rows, or why it cannot be read (never a half-read table). */
export async function readTable(file: TableFile): Promise<{ table: Table } | { problem: Expectation }> {
  let rows: TableRow[];
  try {
    if (file.format === 'xlsx') {
      const sheet = await readXlsx(file.bytes);
      if (!sheet) return { problem: expecting('file_no_sheet') };
      rows = rowsOf(sheet);
    } else {
      if (!isUtf8(file.bytes)) return { problem: expecting('file_not_utf8') };
      rows = rowsOf(await readCsv(file.bytes, ','));
      const first = rows[0]?.cells;
      if (first?.length === 1 && first[0]?.includes(';')) rows = rowsOf(await readCsv(file.bytes, ';'));
    }
  } catch (error) {
    return { problem: expecting('file_broken', { format: file.format.toUpperCase(), detail: errorMessage(error).split('\n')[0] ?? '' }) };
  }
  const [header, ...rest] = rows.filter((row) => !isBlank(row));
  if (!header) return { problem: expecting('file_empty') };
  if (rest.length > MAX_ROWS) return { problem: expecting('file_too_long', { rows: rest.length, max: MAX_ROWS }) };
  return { table: { header: header.cells, rows: rest } };
}
