import { describe, expect, it } from 'vitest';
import { renderReportText, renderTableCsv, renderTableText, type Table } from '../../../src/reports/index.js';

const sessions: Table = {
  title: 'Sessions',
  columns: [{ label: 'session' }, { label: 'people', align: 'right' }, { label: 'rating', align: 'right' }],
  rows: [
    ['Opening', 42, 4.5],
    ['Labour, migration', '<5', null],
  ],
};

describe('text tables', () => {
  it('prints the title, then a header and the rows indented under it, each column as wide as its widest cell', () => {
    expect(renderTableText(sessions)).toEqual(['Sessions', '  session           people rating', '  Opening               42    4.5', '  Labour, migration     <5']);
  });

  it('keeps a fixed width however long a cell is: a longer one overflows its own line only', () => {
    const table: Table = {
      columns: [{ width: 6 }, { align: 'right', width: 4 }],
      rows: [
        ['ab', 1],
        ['abcdefghij', 22],
      ],
    };
    expect(renderTableText(table)).toEqual(['ab        1', 'abcdefghij   22']);
  });

  it('prints no header when no column has a label, no indent without a title, and never ends a line in spaces', () => {
    const table: Table = {
      columns: [{}, { width: 10 }],
      rows: [
        ['a', 'b'],
        ['long one', ''],
      ],
    };
    expect(renderTableText(table)).toEqual(['a        b', 'long one']);
  });

  it('prints numbers with the decimals a column asks for, and text and empty cells as they are', () => {
    const table: Table = {
      columns: [{}, { align: 'right', decimals: 1 }],
      rows: [
        ['all', 40],
        ['valid', 41.66],
        ['none', null],
        ['hidden', '<5'],
      ],
    };
    expect(renderTableText(table)).toEqual(['all    40.0', 'valid  41.7', 'none', 'hidden   <5']);
    expect(renderTableCsv(table)).toBe('all,40\r\nvalid,41.66\r\nnone,\r\nhidden,<5\r\n');
  });

  it('says (none) for a table without rows, and prints its notes under the rows', () => {
    expect(renderTableText({ title: 'Languages', columns: [{}, { align: 'right' }], rows: [], notes: ['from the bot only'] })).toEqual(['Languages', '  (none)', '  from the bot only']);
  });

  it('prints a report as its title and notes, then each table after a blank line, with no final line break', () => {
    const text = renderReportText({
      title: 'Conference 2026',
      notes: ['Counts from 1 to 4 are shown as <5.'],
      tables: [{ columns: [{ width: 8 }, { align: 'right', width: 4 }], rows: [['People', 97]] }, sessions],
    });
    expect(text).toBe(['Conference 2026', 'Counts from 1 to 4 are shown as <5.', '', 'People     97', '', ...renderTableText(sessions)].join('\n'));
  });
});

describe('tables as CSV', () => {
  it('writes the header from the labels and the rows, without title or notes', () => {
    expect(renderTableCsv(sessions)).toBe('session,people,rating\r\nOpening,42,4.5\r\n"Labour, migration",<5,\r\n');
  });

  it('writes no header when no column has a label', () => {
    expect(renderTableCsv({ columns: [{}, {}], rows: [['a', 1]] })).toBe('a,1\r\n');
  });
});
