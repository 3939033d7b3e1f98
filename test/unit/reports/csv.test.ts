import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../../src/reports/index.js';

describe('CSV fields (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['a\nb', '"a\nb"'],
    ['a\r\nb', '"a\r\nb"'],
    ['<5', '<5'],
    ['x', 'x'],
    ['2026-11', '2026-11'],
  ])('writes %j as %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('writes numbers as they are, negative ones too, and null as an empty field', () => {
    expect(csvField(12)).toBe('12');
    expect(csvField(5.5)).toBe('5.5');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });
});

describe('CSV and spreadsheet formulas', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', '"\'=HYPERLINK(""http://evil.example"",""click"")"'],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', '"\'\r=1"'],
    ['=1,2', '"\'=1,2"'],
  ])('turns text a spreadsheet would run, %j, into text it shows', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('leaves those characters alone anywhere but at the start', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('poster-fier')).toBe('poster-fier');
    expect(csvField('a@b')).toBe('a@b');
  });
});

describe('CSV documents', () => {
  it('ends every record with CRLF, the last one included', () => {
    expect(
      toCsv([
        ['a', 'b'],
        [1, null],
        ['c,d', 'e'],
      ]),
    ).toBe('a,b\r\n1,\r\n"c,d",e\r\n');
  });

  it('writes nothing for no records', () => {
    expect(toCsv([])).toBe('');
  });
});
