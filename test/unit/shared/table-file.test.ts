import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatOf, MAX_ROWS, readTable } from '../../../src/shared/table-file.js';
import { readInWords } from '../../support/expected.js';

const csv = (text: string) => readTable({ format: 'csv', bytes: new TextEncoder().encode(text) });

describe('reading a CSV list', () => {
  it('follows RFC 4180: quoted commas, doubled quotes and line breaks in a field; a UTF-8 byte-order mark is dropped', async () => {
    expect(await csv('\uFEFFname,organisation\r\n"Kola, Ana","Qendra ""Tjetër Vizion"""\r\nBen,"two\r\nlines"\r\n')).toEqual({
      table: {
        header: ['name', 'organisation'],
        rows: [
          { row: 2, cells: ['Kola, Ana', 'Qendra "Tjetër Vizion"'] },
          { row: 3, cells: ['Ben', 'two\r\nlines'] },
        ],
      },
    });
  });

  it('keeps every value as the text written: no numbers, no dates', async () => {
    expect(await csv('name,contact,when\nAna,0691234567,2006-11-16\n')).toMatchObject({ table: { rows: [{ row: 2, cells: ['Ana', '0691234567', '2006-11-16'] }] } });
  });

  it('numbers rows as a spreadsheet shows them, skipping empty rows without renumbering the others', async () => {
    expect(await csv('name,organisation\n\n,\nAna, QTV \n')).toMatchObject({ table: { rows: [{ row: 4, cells: ['Ana', 'QTV'] }] } });
  });

  it('reads a CSV that Excel wrote with semicolons', async () => {
    expect(await csv('name;organisation\r\nAna;Bashkia, Fier\r\n')).toMatchObject({ table: { header: ['name', 'organisation'], rows: [{ cells: ['Ana', 'Bashkia, Fier'] }] } });
  });

  it('says why it cannot read a file: not UTF-8, a quote never closed, nothing in it', async () => {
    expect(readInWords(await readTable({ format: 'csv', bytes: new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x41, 0xeb, 0x0a]) }))).toEqual({
      problem: 'the CSV file is not UTF-8 text: save it as "CSV UTF-8"',
    });
    expect(readInWords(await csv('name\n"Ana\n'))).toMatchObject({ problem: expect.stringMatching(/^not a readable CSV file/) });
    expect(readInWords(await csv(''))).toEqual({ problem: 'the file is empty: the first row must name the columns' });
    expect(readInWords(await csv('\n,,\n'))).toEqual({ problem: 'the file is empty: the first row must name the columns' });
  });

  it(`reads no more than ${MAX_ROWS} rows`, async () => {
    expect(readInWords(await csv(`name\n${'Ana\n'.repeat(MAX_ROWS + 1)}`))).toEqual({ problem: `the file has ${MAX_ROWS + 1} rows; at most ${MAX_ROWS} are read` });
  });
});

describe('reading an XLSX list', () => {
  it('reads the first sheet as text: numbers as written, dates as YYYY-MM-DD, links and rich text as their text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Invited');
    workbook.addWorksheet('Notes').addRow(['not read']);
    sheet.addRow(['name', 'organisation', 'contact', 'since']);
    sheet.addRow([
      'Anë Kola',
      { richText: [{ text: 'Qendra ' }, { text: 'QTV', font: { bold: true } }] },
      { text: 'ana@example.org', hyperlink: 'mailto:ana@example.org' },
      new Date('2006-11-16T00:00:00Z'),
    ]);
    sheet.addRow([]);
    sheet.addRow(['Ben', 7, '', '']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await readTable({ format: 'xlsx', bytes })).toEqual({
      table: {
        header: ['name', 'organisation', 'contact', 'since'],
        rows: [
          { row: 2, cells: ['Anë Kola', 'Qendra QTV', 'ana@example.org', '2006-11-16'] },
          { row: 4, cells: ['Ben', '7', '', ''] },
        ],
      },
    });
  });

  it('says when a file is not a workbook', async () => {
    expect(readInWords(await readTable({ format: 'xlsx', bytes: new TextEncoder().encode('name,organisation\n') }))).toMatchObject({ problem: expect.stringMatching(/^not a readable XLSX file/) });
  });
});

describe('the format of a file', () => {
  it('is its extension, csv or xlsx', () => {
    expect(formatOf('list.CSV')).toBe('csv');
    expect(formatOf('/tmp/ftesat.xlsx')).toBe('xlsx');
    expect(formatOf('list.xls')).toBeUndefined();
    expect(formatOf('list')).toBeUndefined();
  });
});
