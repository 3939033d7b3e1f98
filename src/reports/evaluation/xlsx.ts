import type { NamedTable } from './table-parts.js';

/**
 * The tables as one workbook, a sheet per table: the labels in a bold first row, then
 * the rows, numbers as numbers (a spreadsheet can sum and chart them; shares shown to one
 * decimal) and a value not computed as an empty cell. Sheets are named by the tables' titles, cut to the 31
 * characters Excel allows and without the characters it refuses.
 */

const SHEET_NAME_MAX = 31;

function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, SHEET_NAME_MAX)
      .trim() || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, SHEET_NAME_MAX - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

export async function evaluationXlsx(tables: readonly NamedTable[]): Promise<Buffer> {
  // Loaded here, not by every command that could write a report (exceljs is hundreds of modules).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const taken = new Set<string>();
  for (const { name, table } of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title ?? name, taken));
    const header = sheet.addRow(table.columns.map((column) => column.label ?? ''));
    header.font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? null));
    sheet.columns.forEach((column, index) => {
      const decimals = table.columns[index]?.decimals;
      if (decimals !== undefined) column.numFmt = decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
      const widest = Math.max(...[table.columns[index]?.label ?? '', ...table.rows.map((row) => String(row[index] ?? ''))].map((text) => text.length));
      column.width = Math.min(60, Math.max(8, widest + 2));
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
