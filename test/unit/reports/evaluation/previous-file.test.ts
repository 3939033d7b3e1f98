import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeEvaluation } from '../../../../src/reports/evaluation/compute.js';
import { previousFromTable, readPreviousFile } from '../../../../src/reports/evaluation/previous-file.js';
import { inWords, say } from '../../../support/expected.js';
import { choiceItem, form, responsesFrom, scaleItem } from '../../../support/evaluation-responses.js';

const evaluation = form([
  scaleItem('obj_expectations', { sq: 'A i plotësoi konferenca pritshmëritë tuaja?', en: 'Did the conference meet your expectations?' }),
  scaleItem('proc_time'),
  scaleItem('proc_discussion'),
  choiceItem('action_planned', ['yes', 'no']),
]);
const codes = 'obj_expectations, proc_time, proc_discussion';
const csv = (text: string) => readPreviousFile(evaluation, { format: 'csv', bytes: new TextEncoder().encode(text) }, '2005.csv');
const problemsOf = async (text: string) => {
  const read = await csv(text);
  if (!('problems' in read)) throw new Error(`expected problems, got ${JSON.stringify(read)}`);
  return inWords(read.problems);
};

describe('a previous-edition file', () => {
  it('reads the 2005 figures per item code, with a decimal comma or a percent sign', async () => {
    expect(await csv('code,top_box_of_all\r\nobj_expectations,39\r\nproc_time,"45,0"\r\nproc_discussion,61%\r\n')).toEqual({
      previous: { kind: 'file', id: '2005.csv', items: { obj_expectations: { topBoxOfAll: 39 }, proc_time: { topBoxOfAll: 45 }, proc_discussion: { topBoxOfAll: 61 } } },
    });
  });

  it('takes the earlier wording in the form’s first language, so a changed question is flagged in the report', async () => {
    const read = await csv('code,top_box_of_all,wording\nobj_expectations,39,A e plotësoi seminari pritshmëritë tuaja?\nproc_time,45,\n');
    if (!('previous' in read)) throw new Error('not read');
    expect(read.previous.items.obj_expectations).toEqual({ topBoxOfAll: 39, text: { sq: 'A e plotësoi seminari pritshmëritë tuaja?' } });
    expect(read.previous.items.proc_time).toEqual({ topBoxOfAll: 45 });
    const report = computeEvaluation({
      form: evaluation,
      responses: responsesFrom({ obj_expectations: { 4: 24, 3: 26 }, proc_time: { 4: 34, 3: 16 } }),
      previous: read.previous,
      scope: { kind: 'event', id: 'ev' },
    });
    expect(report.items.map((item) => [item.code, item.previous?.deltaPoints.ofAll, item.previous?.wordingChanged])).toEqual([
      ['obj_expectations', 9, true],
      ['proc_time', 23, false],
      ['proc_discussion', undefined, undefined],
    ]);
  });

  it('refuses a code that is not a rated question of the form, naming the codes it has', async () => {
    expect(await problemsOf('code,top_box_of_all\nobj_expectation,39\naction_planned,68\n')).toEqual([
      { row: 2, column: 'code', value: 'obj_expectation', expected: `the code of a rated question of the form surveys/event-evaluation: ${codes}` },
      { row: 3, column: 'code', value: 'action_planned', expected: `the code of a rated question of the form surveys/event-evaluation: ${codes}` },
    ]);
  });

  it('refuses a value that is not a percentage from 0 to 100, and an empty one', async () => {
    expect(await problemsOf('code,top_box_of_all\nobj_expectations,101\nproc_time,-3\nproc_discussion,about 60\n')).toEqual(
      [
        [2, '101'],
        [3, '-3'],
        [4, 'about 60'],
      ].map(([row, value]) => ({ row, column: 'top_box_of_all', value, expected: 'a percentage from 0 to 100, such as 48 or 48.5' })),
    );
    expect(await problemsOf('code,top_box_of_all\nproc_time,\n')).toEqual([{ row: 2, column: 'top_box_of_all', value: '', expected: 'a percentage from 0 to 100, such as 48 or 48.5' }]);
  });

  it('refuses a code given twice, pointing at its first row', async () => {
    expect(await problemsOf('code,top_box_of_all\nproc_time,45\nproc_discussion,61\nproc_time,46\n')).toEqual([
      { row: 4, column: 'code', value: 'proc_time', expected: 'a code no other row has (row 2 has it)' },
    ]);
  });

  it('refuses a missing column, an extra one and a column named twice', async () => {
    expect(await problemsOf('code,value\nproc_time,45\n')).toEqual([
      { row: 1, column: 'value', value: 'value', expected: 'only the columns code, top_box_of_all, wording' },
      { row: 1, column: 'top_box_of_all', value: '', expected: 'a column named top_box_of_all (the first row names the columns: code, top_box_of_all, wording)' },
    ]);
    expect(await problemsOf('code,top_box_of_all,Code\nproc_time,45,x\n')).toEqual([{ row: 1, column: 'code', value: 'Code', expected: 'each column once (also in column A)' }]);
  });

  it('refuses a file with no rows, and lists every problem of every row at once', async () => {
    expect(await problemsOf('code,top_box_of_all\n')).toEqual([{ row: 2, column: 'code', value: '', expected: 'a row for each question: its code and its top box % of all' }]);
    expect((await problemsOf('code,top_box_of_all\nx,200\nproc_time,45\nproc_time,y\n')).map((problem) => [problem.row, problem.column])).toEqual([
      [2, 'code'],
      [2, 'top_box_of_all'],
      [4, 'code'],
      [4, 'top_box_of_all'],
    ]);
  });

  it('says why a file cannot be read at all', async () => {
    const read = await readPreviousFile(evaluation, { format: 'csv', bytes: new Uint8Array([0xff, 0xfe, 0x00]) }, 'f');
    expect('problem' in read && say(read.problem)).toBe('the CSV file is not UTF-8 text: save it as "CSV UTF-8"');
  });

  it('reads a workbook cell typed as a percentage (Excel keeps 39% as 0.39) as the percentage shown', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('2005');
    sheet.addRows([
      ['code', 'top_box_of_all'],
      ['obj_expectations', 0.39],
      ['proc_time', 0.455],
      ['proc_discussion', 61],
    ]);
    for (const row of [2, 3]) sheet.getCell(row, 2).numFmt = '0%';
    const read = await readPreviousFile(evaluation, { format: 'xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) }, '2005.xlsx');
    expect('previous' in read && read.previous.items).toEqual({ obj_expectations: { topBoxOfAll: 39 }, proc_time: { topBoxOfAll: 45.5 }, proc_discussion: { topBoxOfAll: 61 } });
  });

  it('reads the same from a workbook, in Albanian words where a problem is said in Albanian', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('2005').addRows([
      ['code', 'top_box_of_all'],
      ['proc_time', 45],
      ['proc_time', 46],
    ]);
    const read = await readPreviousFile(evaluation, { format: 'xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) }, '2005.xlsx');
    expect('problems' in read && inWords(read.problems, 'sq')).toEqual([{ row: 3, column: 'code', value: 'proc_time', expected: 'një kod që nuk e ka asnjë rresht tjetër (rreshti 2 e ka)' }]);
    expect(previousFromTable(evaluation, { header: ['code', 'top_box_of_all'], rows: [{ row: 2, cells: ['proc_time', '45'] }] }, 't')).toEqual({
      previous: { kind: 'file', id: 't', items: { proc_time: { topBoxOfAll: 45 } } },
    });
  });
});
