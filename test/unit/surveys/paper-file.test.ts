import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { EvaluationForm } from '../../../src/reports/evaluation/model.js';
import { computeEvaluation } from '../../../src/reports/evaluation/compute.js';
import { readPaperFile, readResponsesFile } from '../../../src/surveys/index.js';
import { inWords, say } from '../../support/expected.js';

const words = { en: 'x' };
/** A small form with every kind of item a paper file carries. */
const FORM: EvaluationForm = {
  id: 'surveys/test-form',
  version: 1,
  title: words,
  anonymous: true,
  items: [
    { code: 'venue', kind: 'scale', points: ['1', '2', '3', '4'], notApplicable: true, text: words, pointLabels: {} },
    { code: 'helpful', kind: 'scale', points: ['1', '2', '3', '4'], notApplicable: false, text: words, pointLabels: {} },
    { code: 'again', kind: 'choice', multiple: false, options: ['yes', 'no', 'unsure'], text: words, optionLabels: {} },
    { code: 'topics', kind: 'choice', multiple: true, options: ['law', 'shelters', 'returns'], text: words, optionLabels: {} },
    { code: 'comment', kind: 'text', text: words, maxLength: 20 },
  ],
};
const CODES = 'venue, helpful, again, topics, comment';

const csv = (text: string) => readPaperFile(FORM, { format: 'csv', bytes: new TextEncoder().encode(text) });
const problemsOf = async (text: string) => {
  const read = await csv(text);
  if ('problem' in read) throw new Error(say(read.problem));
  return inWords(read.problems);
};

describe('reading paper answers against the form', () => {
  it('reads every kind of answer as a chat answer is stored: scale codes, NA, yes/no codes, several choices, trimmed text', async () => {
    const read = await csv('respondent,venue,helpful,again,topics,comment\nP-01,4,3,yes,law;shelters, Good day. \nP-02,na,,NO,Returns ; law ; returns;,\n');
    expect(read).toEqual({
      responses: [
        {
          row: 2,
          respondent: 'P-01',
          answers: {
            venue: { kind: 'choice', code: '4' },
            helpful: { kind: 'choice', code: '3' },
            again: { kind: 'choice', code: 'yes' },
            topics: { kind: 'choices', codes: ['law', 'shelters'] },
            comment: { kind: 'text', value: 'Good day.' },
          },
          asked: null,
          profile: null,
        },
        {
          row: 3,
          respondent: 'P-02',
          answers: { venue: { kind: 'na' }, again: { kind: 'choice', code: 'no' }, topics: { kind: 'choices', codes: ['returns', 'law'] } },
          asked: null,
          profile: null,
        },
      ],
      problems: [],
      skippedEmpty: 0,
    });
  });

  it('refuses a file for another form with one problem naming the form and its codes', async () => {
    expect(await problemsOf('respondent,relevance,clarity\n1,4,3\n')).toEqual([
      {
        row: 1,
        column: '',
        value: 'respondent, relevance, clarity',
        expected: `the columns of form surveys/test-form: respondent (optional) and its item codes (${CODES}); no column of this file is one of them: is it a file for another form?`,
      },
    ]);
  });

  it('names an unknown column and lists the form’s codes; a column named twice is refused too', async () => {
    expect(await problemsOf('venue,Venu,helpful,VENUE\n4,4,4,4\n')).toEqual([
      { row: 1, column: 'Venu', value: 'Venu', expected: `respondent or an item code of form surveys/test-form (${CODES})` },
      { row: 1, column: 'VENUE', value: 'VENUE', expected: 'each column once (also in column A)' },
    ]);
  });

  it('refuses answers in a column without a name, which would otherwise be lost', async () => {
    expect(await problemsOf('venue,,helpful\n4,3,2\n')).toEqual([{ row: 1, column: 'column B', value: '', expected: `respondent or an item code of form surveys/test-form (${CODES})` }]);
  });

  it('says which scale values are allowed: out of range, and NA where the question offers none', async () => {
    expect(await problemsOf('venue,helpful\n5,4\n4,NA\n0,\n')).toEqual([
      { row: 2, column: 'venue', value: '5', expected: 'one of 1, 2, 3, 4, NA (not applicable) or nothing (no answer)' },
      { row: 3, column: 'helpful', value: 'NA', expected: 'one of 1, 2, 3, 4 or nothing (no answer); this question offers no NA' },
      { row: 4, column: 'venue', value: '0', expected: 'one of 1, 2, 3, 4, NA (not applicable) or nothing (no answer)' },
    ]);
  });

  it('refuses a code a choice does not have, naming the bad one of several, and two codes for a single choice', async () => {
    expect(await problemsOf('again,topics\nmaybe,law\nyes,law;visas\nyes;no,\n')).toEqual([
      { row: 2, column: 'again', value: 'maybe', expected: 'one of yes, no, unsure or nothing (no answer)' },
      { row: 3, column: 'topics', value: 'law;visas', expected: 'codes among law, shelters, returns separated by ; (not visas)' },
      { row: 4, column: 'again', value: 'yes;no', expected: 'one of yes, no, unsure or nothing (no answer)' },
    ]);
  });

  it('refuses a text longer than the question takes', async () => {
    expect(await problemsOf(`comment\n${'a'.repeat(20)}\n${'b'.repeat(21)}\n`)).toEqual([{ row: 3, column: 'comment', value: 'b'.repeat(21), expected: 'a text of at most 20 characters' }]);
  });

  it('refuses a respondent id written on two rows, and one too long', async () => {
    expect(await problemsOf(`respondent,venue\nA7,4\nB2,3\na7,2\nA7,1\n${'x'.repeat(65)},1\n`)).toEqual([
      { row: 5, column: 'respondent', value: 'A7', expected: 'a respondent id no other row has (row 2 has it)' },
      { row: 6, column: 'respondent', value: 'x'.repeat(65), expected: 'a respondent id of at most 64 characters' },
    ]);
  });

  it('skips rows with no answer (empty lines, a form returned blank) and counts them, without a problem', async () => {
    const read = await csv('respondent,venue,comment\n\nP-1,,\n,,\nP-2,3,\n');
    expect(read).toMatchObject({ problems: [], skippedEmpty: 3, responses: [{ row: 5, respondent: 'P-2' }] });
  });

  it('records the items a file carries when it has some of the form’s only: the others were not asked', async () => {
    const read = await csv('helpful,venue\n4,\n');
    expect(read).toMatchObject({ responses: [{ answers: { helpful: { kind: 'choice', code: '4' } }, asked: ['helpful', 'venue'] }] });
  });

  it('reads an Excel workbook as a CSV file: numbers typed as numbers are the scale codes', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Forms');
    sheet.addRow(['respondent', 'venue', 'helpful', 'topics', 'comment']);
    sheet.addRow([101, 4, 2, 'law;returns', 'Useful']);
    sheet.addRow([102, 7, 'NA', '', '']);
    const read = await readPaperFile(FORM, { format: 'xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) });
    if ('problem' in read) throw new Error(say(read.problem));
    expect(read.responses).toEqual([
      {
        row: 2,
        respondent: '101',
        answers: { venue: { kind: 'choice', code: '4' }, helpful: { kind: 'choice', code: '2' }, topics: { kind: 'choices', codes: ['law', 'returns'] }, comment: { kind: 'text', value: 'Useful' } },
        asked: ['venue', 'helpful', 'topics', 'comment'],
        profile: null,
      },
    ]);
    expect(inWords(read.problems)).toEqual([
      { row: 3, column: 'venue', value: '7', expected: 'one of 1, 2, 3, 4, NA (not applicable) or nothing (no answer)' },
      { row: 3, column: 'helpful', value: 'NA', expected: 'one of 1, 2, 3, 4 or nothing (no answer); this question offers no NA' },
    ]);
  });

  it('says in Albanian what was expected too', async () => {
    const read = await csv('venue\n9\n');
    expect('problems' in read && inWords(read.problems, 'sq')[0]?.expected).toBe('një nga 1, 2, 3, 4, NA (nuk aplikohet) ose asgjë (pa përgjigje)');
  });
});

describe('who answered, on a form that is not anonymous', () => {
  const PROFILED: EvaluationForm = { ...FORM, anonymous: false };
  const read = (text: string) => readPaperFile(PROFILED, { format: 'csv', bytes: new TextEncoder().encode(text) });

  it("takes org_type and region columns with registration's codes, any case; an empty cell is not known", async () => {
    const file = await read('respondent,org_type,region,venue\nP1,NGO,Tirane,4\nP2,,,3\nP3,local_gov,national,2\n');
    if ('problem' in file) throw new Error(say(file.problem));
    expect(file.problems).toEqual([]);
    expect(file.responses.map((response) => response.profile)).toEqual([
      { orgType: 'ngo', region: 'tirane' },
      { orgType: null, region: null },
      { orgType: 'local_gov', region: 'national' },
    ]);
  });

  it('says which codes a profile cell takes, and imports none of the file', async () => {
    const file = await read('org_type,region,venue\nministry,tirane,4\nngo,mars,3\n');
    if ('problem' in file) throw new Error(say(file.problem));
    expect(file.responses).toEqual([]);
    expect(inWords(file.problems)).toEqual([
      { row: 2, column: 'org_type', value: 'ministry', expected: 'one of central_gov, local_gov, ngo, international, staff, other or nothing (not known)' },
      {
        row: 3,
        column: 'region',
        value: 'mars',
        expected: 'one of berat, diber, durres, elbasan, fier, gjirokaster, korce, kukes, lezhe, shkoder, tirane, vlore, national, international or nothing (not known)',
      },
    ]);
  });

  it('gives each response read for a report its profile, so that the report breaks the ratings down by group', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `ngo,tirane,${i < 4 ? 4 : 3}`).join('\n');
    const file = await readResponsesFile(PROFILED, { format: 'csv', bytes: new TextEncoder().encode(`org_type,region,venue\n${rows}\n`) });
    if (file.kind !== 'read') throw new Error(file.kind);
    expect(file.responses[0]?.profile).toEqual({ orgType: 'ngo', region: 'tirane' });
    const report = computeEvaluation({ form: PROFILED, responses: file.responses, scope: { kind: 'file', id: 'forms.csv' } });
    expect(report.breakdowns.find((breakdown) => breakdown.by === 'orgType')?.items[0]).toEqual({ code: 'venue', rows: [{ key: 'ngo', respondents: 5, topBoxOfAll: 80 }] });
  });

  it('refuses them on an anonymous form, saying why: its answers must name nobody', async () => {
    expect(await problemsOf('respondent,org_type,venue\nP1,ngo,4\n')).toEqual([
      { row: 1, column: 'org_type', value: 'org_type', expected: "no org_type or region column: form surveys/test-form is anonymous, and its answers keep nobody's profile" },
    ]);
    const region = await csv('region,venue\ntirane,4\n');
    expect('problems' in region && region.responses).toEqual([]);
  });
});

describe('a responses file read for a report without importing it', () => {
  it('gives paper responses with the items asked, or every problem and no response', async () => {
    const file = (text: string) => ({ format: 'csv' as const, bytes: new TextEncoder().encode(text) });
    expect(await readResponsesFile(FORM, file('venue,comment\nna,Fine\n'))).toEqual({
      kind: 'read',
      responses: [{ source: 'paper', answers: { venue: { kind: 'na' }, comment: { kind: 'text', value: 'Fine' } }, asked: ['venue', 'comment'] }],
      skippedEmpty: 0,
    });
    expect(await readResponsesFile(FORM, file('venue\n4\n5\n'))).toMatchObject({ kind: 'invalid', problems: [{ row: 3, column: 'venue', value: '5' }] });
    expect(await readResponsesFile(FORM, file(''))).toMatchObject({ kind: 'unreadable', problem: { code: 'file_empty' } });
  });
});
