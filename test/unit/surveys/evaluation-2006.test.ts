import { describe, expect, it } from 'vitest';
import { loadAreaFlows } from '../../../src/flow-actions.js';
import { createI18n, readLocales } from '../../../src/i18n/index.js';
import { readPreviousFile } from '../../../src/reports/evaluation/previous-file.js';
import { evaluationForm, formTranslate, evaluationReport, readResponsesFile } from '../../../src/surveys/index.js';
import { ACTION_YES_2006, PREVIOUS_2005, paper2006Csv, previous2005Csv, RESPONDENTS_2006, ROWS_2006 } from '../../support/evaluation-2006.js';

// The 2006 national conference's evaluation, typed in as a paper file, gives the report's
// own figures: the top box of all answers (N/A counted) for each item the report's digest
// keeps, and the change in points since 2005.

const locales = readLocales();
const i18n = createI18n(locales);
const compiled = loadAreaFlows(undefined, locales).catalog.get('surveys/event-evaluation');
if (!compiled) throw new Error('surveys/event-evaluation is not shipped');
const form = evaluationForm(compiled, formTranslate(i18n));
const csv = (text: string) => ({ format: 'csv' as const, bytes: new TextEncoder().encode(text) });
const noStore = { scopedRuns: async () => [], responses: async () => [] };

async function report2006() {
  const read = await readResponsesFile(form, csv(paper2006Csv()));
  if (read.kind !== 'read') throw new Error(`the 2006 file was refused: ${JSON.stringify(read)}`);
  const previous = await readPreviousFile(form, csv(previous2005Csv()), '2005.csv');
  if (!('previous' in previous)) throw new Error(`the 2005 file was refused: ${JSON.stringify(previous)}`);
  return (await evaluationReport({ store: noStore }, { form, subject: { kind: 'file', name: '2006.csv', responses: read.responses }, participants: 132, previous: previous.previous })).report;
}

describe('the 2006 evaluation from its paper forms', () => {
  it('reproduces the published top box of all answers, N/A in the denominator, for every item the report gives', async () => {
    const report = await report2006();
    expect(report.responses).toBe(RESPONDENTS_2006);
    expect(report.bySource).toEqual({ chat: 0, paper: 50 });
    const published = ROWS_2006.filter((row) => row.published !== null);
    expect(published.map((row) => row.item)).toEqual(['1.1', '1.3', '1.4', '1.5', '1.6', '2.2', '2.5', '2.6']);
    for (const row of published) {
      const item = report.items.find((candidate) => candidate.code === row.code);
      expect({ item: row.item, topBox: item?.topBox.ofAll, n: item?.n }).toEqual({ item: row.item, topBox: row.published, n: 50 });
    }
  });

  it('counts every row of the form as typed in: the points, N/A and N; the valid-answer share leaves N/A out', async () => {
    const report = await report2006();
    for (const row of ROWS_2006) {
      const item = report.items.find((candidate) => candidate.code === row.code);
      expect(item?.counts).toEqual({ 1: row.counts[0], 2: row.counts[1], 3: row.counts[2], 4: row.counts[3] });
      expect(item?.na).toBe(row.na);
      expect(item?.missing).toBe(0);
    }
    const skills = report.items.find((item) => item.code === 'obj_skills');
    const interpretation = report.items.find((item) => item.code === 'proc_interpretation');
    // 20 of 50 = 40% as printed; 20 of 48 = 41.7% without the two N/A.
    expect(skills?.topBox).toEqual({ ofAll: 40, ofValid: 41.7 });
    // 41 of 50 = 82% as printed; 41 of 47 = 87.2%.
    expect(interpretation?.topBox).toEqual({ ofAll: 82, ofValid: 87.2 });
  });

  it('gives the response rate (50 of 132 = 37.9%, which the report truncated to 37.8%) and the 34 who planned an action', async () => {
    const report = await report2006();
    expect(report.responseRate).toBe(37.9);
    expect(report.choices.find((choice) => choice.code === 'action_planned')?.counts.yes).toBe(ACTION_YES_2006);
  });

  it('shows the change since 2005 in percentage points: expectations +9, time +23, discussion +15', async () => {
    const report = await report2006();
    const changes = Object.fromEntries(report.items.filter((item) => item.previous !== null).map((item) => [item.code, item.previous]));
    expect(Object.keys(changes).sort()).toEqual(Object.keys(PREVIOUS_2005).sort());
    expect(changes.obj_expectations).toEqual({ topBox: { ofAll: 39 }, deltaPoints: { ofAll: 9 }, wordingChanged: false });
    expect(changes.proc_time?.deltaPoints.ofAll).toBe(23);
    expect(changes.proc_discussion?.deltaPoints.ofAll).toBe(15);
  });

  it('does not count the questions the 2006 form did not ask (organisation, facilitation, venue) as unanswered', async () => {
    const report = await report2006();
    for (const code of ['proc_organisation', 'proc_facilitation', 'proc_venue']) {
      const item = report.items.find((candidate) => candidate.code === code);
      expect({ code, n: item?.n, missing: item?.missing, topBox: item?.topBox.ofAll }).toEqual({ code, n: 0, missing: 0, topBox: null });
    }
  });
});
