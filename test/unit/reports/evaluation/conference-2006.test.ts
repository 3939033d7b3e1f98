import { describe, expect, it } from 'vitest';
import { computeEvaluation } from '../../../../src/reports/evaluation/compute.js';
import { readPreviousFile } from '../../../../src/reports/evaluation/previous-file.js';
import { PREVIOUS_2005, previous2005Csv, RESPONDENTS_2006, ROWS_2006 } from '../../../support/evaluation-2006.js';
import { form, responsesFrom, scaleItem } from '../../../support/evaluation-responses.js';

// The 2006 evaluation's rows, typed in as responses, against the 2005 shares read from the previous-edition file.
const evaluation = form(ROWS_2006.map((row) => scaleItem(row.code)));
const responses = responsesFrom(Object.fromEntries(ROWS_2006.map((row) => [row.code, { 1: row.counts[0], 2: row.counts[1], 3: row.counts[2], 4: row.counts[3], na: row.na }])), { source: 'paper' });

async function report2006() {
  const previous = await readPreviousFile(evaluation, { format: 'csv', bytes: new TextEncoder().encode(previous2005Csv()) }, '2005.csv');
  if (!('previous' in previous)) throw new Error(`2005 file not read: ${JSON.stringify(previous)}`);
  return computeEvaluation({ form: evaluation, responses, participants: 132, previous: previous.previous, scope: { kind: 'file', id: '2006.csv' } });
}

describe('the 2006 conference evaluation', () => {
  it('has 50 answers to every item and a response rate of 37.9% of 132 participants', async () => {
    const report = await report2006();
    expect(report.items.map((item) => item.n)).toEqual(ROWS_2006.map(() => RESPONDENTS_2006));
    expect(report.responseRate).toBe(37.9);
  });

  it.each(ROWS_2006.filter((row) => row.published !== null))('reproduces the printed top box of all for $item ($published%)', async (row) => {
    expect((await report2006()).items.find((item) => item.code === row.code)?.topBox.ofAll).toBe(row.published);
  });

  it('reproduces the points gained since 2005: 1.1 +9 (39 to 48), 2.5 +23, 2.6 +15', async () => {
    const report = await report2006();
    expect(report.items.flatMap((item) => (item.previous ? [[item.code, item.previous.topBox.ofAll, item.previous.deltaPoints.ofAll]] : []))).toEqual([
      ['obj_expectations', PREVIOUS_2005.obj_expectations, 9],
      ['proc_time', PREVIOUS_2005.proc_time, 23],
      ['proc_discussion', PREVIOUS_2005.proc_discussion, 15],
    ]);
  });
});
