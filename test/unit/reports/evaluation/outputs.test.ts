import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../../src/i18n/index.js';
import { computeEvaluation } from '../../../../src/reports/evaluation/compute.js';
import { evaluationCsv } from '../../../../src/reports/evaluation/csv.js';
import type { ReportResponse } from '../../../../src/reports/evaluation/model.js';
import { evaluationTables } from '../../../../src/reports/evaluation/tables.js';
import { evaluationText } from '../../../../src/reports/evaluation/text.js';
import { evaluationXlsx } from '../../../../src/reports/evaluation/xlsx.js';
import { readTable } from '../../../../src/shared/table-file.js';
import { choiceItem, form, responsesFrom, scaleItem, textItem } from '../../../support/evaluation-responses.js';

const i18n = createI18n();
const evaluation = form([scaleItem('obj_skills'), scaleItem('proc_interpretation'), choiceItem('action_planned', ['yes', 'no']), textItem('open_learned')]);
const withProfile = (orgType: string, region: string, count: number, answer: '3' | '4'): ReportResponse[] =>
  Array.from({ length: count }, () => ({
    source: 'paper' as const,
    profile: { orgType, region },
    answers: { obj_skills: { kind: 'choice', code: answer }, proc_interpretation: { kind: 'na' }, action_planned: { kind: 'choice', code: 'yes' }, open_learned: { kind: 'text', value: 'Sharing' } },
  }));
const responses = [
  // 2006 row 1.3 (20 of 50 top, 2 N/A) and row 2.2 (41 of 50 top, 3 N/A), in the chat.
  ...responsesFrom({ obj_skills: { 1: 2, 2: 8, 3: 18, 4: 20, na: 2 }, proc_interpretation: { 2: 1, 3: 5, 4: 41, na: 3 } }),
  ...withProfile('ngo', 'tirane', 6, '4'),
  ...withProfile('local_gov', 'shkoder', 2, '3'),
];
const report = computeEvaluation({
  form: evaluation,
  responses,
  participants: 132,
  previous: { kind: 'file', id: '2005.csv', items: { obj_skills: { topBoxOfAll: 30.5, text: { en: 'Older wording' } } } },
  coding: [{ item: 'open_learned', themes: [{ theme: 'sharing', respondents: 8 }], quotes: ['Sharing experience, ideas for "future" plans'] }],
  agreement: {
    coders: ['A', 'B'],
    answers: 8,
    overall: 0.4,
    themes: [{ theme: 'sharing', kappa: 0.4, agreementPct: 75 }],
    disagreements: [{ item: 'open_learned', answer: 'r1', theme: 'sharing', codedBy: 'A' }],
  },
  profile: { rows: [{ orgType: 'ngo', participants: 50, pctOfParticipants: 37.9 }], total: { participants: 132, pctOfParticipants: 100 } },
  scope: { kind: 'event', id: 'conference-2006' },
});
const text = (language: 'en' | 'sq') => ({ t: i18n.forLanguage(language, 'reports'), language });
const tables = evaluationTables(report, evaluation, text('en'));

describe('the report as tables', () => {
  it('has a table for each section with something to show, named for its file', () => {
    expect(tables.map((table) => table.name)).toEqual(['summary', 'scale', 'previous', 'choices', 'open', 'quotes', 'breakdowns', 'profile', 'agreement', 'disagreements']);
    const bare = computeEvaluation({ form: form([scaleItem('q')]), responses: [], scope: { kind: 'file', id: 'answers.csv' } });
    expect(evaluationTables(bare, form([scaleItem('q')]), text('en')).map((table) => table.name)).toEqual(['summary', 'scale']);
  });

  it('labels both top-box conventions so that nobody mistakes one for the other, in each language', () => {
    const labels = (language: 'en' | 'sq') => evaluationTables(report, evaluation, text(language))[1]?.table.columns.map((column) => column.label);
    expect(labels('en')).toEqual(
      expect.arrayContaining(['Top box % of all (N/A counted)', 'Top box % of valid (N/A excluded)', 'Top two % of all (N/A counted)', 'Top two % of valid (N/A excluded)']),
    );
    expect(labels('sq')).toEqual(expect.arrayContaining(['Pika më e lartë % e të gjithave (me “Nuk zbatohet”)', 'Pika më e lartë % e të vlefshmeve (pa “Nuk zbatohet”)']));
  });

  it('prints as text, and says when there are no responses', () => {
    const printed = evaluationText(report, evaluation, tables, text('en'));
    expect(printed.split('\n')[0]).toBe('Evaluation: Evaluation');
    // 2006 row 1.3 plus 8 people on paper: 26 top of 58 (44.8%), of 56 valid (46.4%); mean 182 / 56 = 3.25.
    expect(printed).toMatch(/obj_skills\s+Question obj_skills\s+58\s+2\s+8\s+20\s+26\s+2\s+0\s+3\.25\s+44\.8\s+46\.4\s+79\.3\s+82\.1\n/);
    const none = computeEvaluation({ form: evaluation, responses: [], scope: { kind: 'run', id: 'r' } });
    expect(evaluationText(none, evaluation, evaluationTables(none, evaluation, text('sq')), text('sq'))).toContain('Ende nuk ka përgjigje');
  });
});

/** A sheet's or CSV's rows as objects by header label, values as read back. */
const byLabel = (rows: unknown[][]) => {
  const [header = [], ...rest] = rows;
  return rest.map((row) => Object.fromEntries(header.map((label, index) => [String(label), row[index] ?? null])));
};

describe('XLSX and CSV', () => {
  it('carry the same numbers as the JSON: a workbook read back has each item’s counts and both top boxes as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.read(Readable.from([await evaluationXlsx(tables)]));
    // Named by the tables' titles, cut to Excel's 31 characters, without the ":" it refuses.
    expect(workbook.worksheets.map((sheet) => sheet.name).slice(2, 5)).toEqual(['Compared with the previous edit', 'Choice questions', 'Open questions themes']);
    const sheetRows = (index: number) => {
      const rows: unknown[][] = [];
      workbook.worksheets[index]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return byLabel(rows);
    };
    const scale = sheetRows(1);
    expect(scale).toHaveLength(report.items.length);
    report.items.forEach((item, index) => {
      expect(scale[index]).toMatchObject({
        Code: item.code,
        'Answered (N/A included)': item.n,
        'Point 4': item.counts['4'],
        'N/A': item.na,
        'No answer': item.missing,
        'Mean (N/A excluded)': item.mean,
        'Top box % of all (N/A counted)': item.topBox.ofAll,
        'Top box % of valid (N/A excluded)': item.topBox.ofValid,
        'Top two % of valid (N/A excluded)': item.topTwo.ofValid,
      });
    });
    expect(sheetRows(2)[0]).toMatchObject({ 'Change (percentage points)': report.items[0]?.previous?.deltaPoints.ofAll, 'Wording changed': 'yes' });
    expect(sheetRows(6).map((row) => row.Respondents)).toEqual(report.breakdowns.flatMap((breakdown) => breakdown.items.flatMap((item) => item.rows.map((row) => row.respondents))));
  });

  it('writes one CSV file per table, whose numbers read back are the JSON’s', async () => {
    const files = evaluationCsv(tables);
    expect(files.map((file) => file.name)).toEqual(tables.map((table) => `${table.name}.csv`));
    const read = await readTable({ format: 'csv', bytes: new TextEncoder().encode(files[1]?.csv) });
    if (!('table' in read)) throw new Error('unreadable');
    const rows = byLabel([read.table.header, ...read.table.rows.map((row) => row.cells)]);
    expect(rows.map((row) => [row.Code, Number(row['Top box % of all (N/A counted)']), Number(row['Top box % of valid (N/A excluded)'])])).toEqual(
      report.items.map((item) => [item.code, item.topBox.ofAll, item.topBox.ofValid]),
    );
    // A quote with a comma and quotes stays one field.
    const quotes = await readTable({ format: 'csv', bytes: new TextEncoder().encode(files.find((file) => file.name === 'quotes.csv')?.csv) });
    expect('table' in quotes && quotes.table.rows[0]?.cells[2]).toBe('Sharing experience, ideas for "future" plans');
  });

  it('leaves a share that could not be computed empty, never 0', async () => {
    const none = computeEvaluation({ form: form([scaleItem('q')]), responses: [], scope: { kind: 'run', id: 'r' } });
    const [, scale] = evaluationCsv(evaluationTables(none, form([scaleItem('q')]), text('en')));
    expect(scale?.csv.split('\r\n')[1]).toBe('q,Question q,0,0,0,0,0,0,0,,,,,');
  });
});
