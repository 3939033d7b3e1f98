/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted
 * when it holds a comma, a quote or a line break, quotes inside doubled.
 *
 * Hand-written on purpose: writing CSV is these few lines, and Ura has no CSV library
 * yet. When the events and surveys work brings one for reading imports, take its
 * writing half with it (`csv-parse` and `csv-stringify`, one family; csv-stringify's
 * `escape_formulas: true` neutralises the same leading characters as below) and let
 * this module call it, keeping the same output.
 */

/** A cell: text, a number, or null for a value not reported (an empty field). */
export type CsvValue = string | number | null;

/**
 * Characters that make a spreadsheet read a cell as a formula (=, +, -, @) or that
 * Excel strips before doing so (tab, carriage return). Organisers open these files in
 * Excel; a value written by anyone (a campaign source, an answer, a name of an event)
 * must never run there as `=HYPERLINK(...)` or worse.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field. Text that a spreadsheet would take for a formula gets a leading
 * apostrophe (the OWASP advice: shown as text, and Excel hides the apostrophe).
 * Numbers are written as they are: a number is never a formula, and -3 must stay -3.
 */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Records (the header first, when there is one) as a CSV document: every record ends with CRLF. */
export function toCsv(records: readonly (readonly CsvValue[])[]): string {
  return records.map((record) => record.map(csvField).join(',') + '\r\n').join('');
}
