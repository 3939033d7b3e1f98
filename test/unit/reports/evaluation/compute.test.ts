import { describe, expect, it } from 'vitest';
import { computeEvaluation } from '../../../../src/reports/evaluation/compute.js';
import type { ReportResponse } from '../../../../src/reports/evaluation/model.js';
import { choiceItem, form, responsesFrom, scaleItem, textItem } from '../../../support/evaluation-responses.js';

const scope = { kind: 'event' as const, id: 'ev-2006' };

describe('a scale item', () => {
  // The 2006 report's row 1.3: 20 of 50 gave the top point and 2 said N/A; it printed 40%, of all 50.
  const report = computeEvaluation({ form: form([scaleItem('obj_skills')]), responses: responsesFrom({ obj_skills: { 1: 2, 2: 8, 3: 18, 4: 20, na: 2 } }), scope });
  const item = report.items[0];

  it('gives the top box both ways: 40.0% of all 50 (N/A counted) as 2006 did, 41.7% of the 48 valid (N/A left out)', () => {
    expect(item?.topBox).toEqual({ ofAll: 40, ofValid: 41.7 });
  });

  it('counts each point, N/A apart, and n with the N/A', () => {
    expect(item).toMatchObject({ code: 'obj_skills', n: 50, counts: { 1: 2, 2: 8, 3: 18, 4: 20 }, na: 2, missing: 0 });
  });

  it('gives the top two both ways and the mean of the points over valid answers, to two decimals', () => {
    expect(item?.topTwo).toEqual({ ofAll: 76, ofValid: 79.2 });
    // (2×1 + 8×2 + 18×3 + 20×4) / 48 = 152 / 48 = 3.1667
    expect(item?.mean).toBe(3.17);
  });

  it('reproduces 2006 row 2.2: 41 of 50 with 3 N/A is 82.0% of all, 87.2% of valid', () => {
    const row = computeEvaluation({ form: form([scaleItem('proc_interpretation')]), responses: responsesFrom({ proc_interpretation: { 2: 1, 3: 5, 4: 41, na: 3 } }), scope }).items[0];
    expect(row?.topBox).toEqual({ ofAll: 82, ofValid: 87.2 });
  });
});

describe('N/A, no answer and items not asked', () => {
  it('leaves a skipped or absent answer out of both denominators, where N/A is in one', () => {
    const responses = responsesFrom({ q: { 4: 3, 1: 1, na: 1, skipped: 2, absent: 3 } });
    const item = computeEvaluation({ form: form([scaleItem('q')]), responses, scope }).items[0];
    expect(item).toMatchObject({ n: 5, na: 1, missing: 5 });
    expect(item?.topBox).toEqual({ ofAll: 60, ofValid: 75 });
  });

  it('counts an item a paper form did not ask in neither n nor missing', () => {
    const older: ReportResponse[] = responsesFrom({ a: { 4: 4 } }, { source: 'paper', asked: ['a'] });
    const newer = responsesFrom({ a: { 3: 2 }, b: { 4: 1, absent: 1 } });
    const report = computeEvaluation({ form: form([scaleItem('a'), scaleItem('b')]), responses: [...older, ...newer], scope });
    expect(report.items.map(({ code, n, missing }) => ({ code, n, missing }))).toEqual([
      { code: 'a', n: 6, missing: 0 },
      { code: 'b', n: 1, missing: 1 },
    ]);
    expect(report.bySource).toEqual({ chat: 2, paper: 4 });
  });

  it('counts an answer with a code the scale does not have as missing, and N/A as missing where the item offers none', () => {
    const noNa = { ...scaleItem('q'), notApplicable: false };
    const responses: ReportResponse[] = [
      { source: 'chat', answers: { q: { kind: 'choice', code: '4' } } },
      { source: 'chat', answers: { q: { kind: 'choice', code: '7' } } },
      { source: 'chat', answers: { q: { kind: 'na' } } },
    ];
    expect(computeEvaluation({ form: form([noNa]), responses, scope }).items[0]).toMatchObject({ n: 1, na: 0, missing: 2, topBox: { ofAll: 100, ofValid: 100 } });
  });

  it('gives no share of valid answers when everyone said N/A, and no mean', () => {
    const item = computeEvaluation({ form: form([scaleItem('q')]), responses: responsesFrom({ q: { na: 3 } }), scope }).items[0];
    expect(item).toMatchObject({ n: 3, mean: null, topBox: { ofAll: 0, ofValid: null }, topTwo: { ofAll: 0, ofValid: null } });
  });
});

describe('the response rate', () => {
  it('is responses over participants: 50 of 132 is 37.9% (the 2006 report printed 37.8%, cut rather than rounded)', () => {
    const responses = responsesFrom({ q: { 4: 50 } });
    expect(computeEvaluation({ form: form([scaleItem('q')]), responses, participants: 132, scope })).toMatchObject({ responses: 50, participants: 132, responseRate: 37.9 });
    expect(computeEvaluation({ form: form([scaleItem('q')]), responses, participants: 119, scope }).responseRate).toBe(42);
  });

  it('is null when the participants are not known, or none', () => {
    const responses = responsesFrom({ q: { 4: 5 } });
    expect(computeEvaluation({ form: form([scaleItem('q')]), responses, scope }).responseRate).toBeNull();
    expect(computeEvaluation({ form: form([scaleItem('q')]), responses, participants: 0, scope }).responseRate).toBeNull();
  });
});

describe('a report on zero responses', () => {
  const report = computeEvaluation({
    form: form([scaleItem('q'), choiceItem('c', ['yes', 'no']), textItem('t')]),
    responses: [],
    participants: 40,
    previous: { kind: 'file', id: '2005.csv', items: { q: { topBoxOfAll: 39 } } },
    scope,
  });

  it('is produced, with zero counts and every share and mean null', () => {
    expect(report).toMatchObject({ responses: 0, responseRate: 0, bySource: { chat: 0, paper: 0 } });
    expect(report.items[0]).toEqual({
      code: 'q',
      n: 0,
      counts: { 1: 0, 2: 0, 3: 0, 4: 0 },
      na: 0,
      missing: 0,
      mean: null,
      topBox: { ofAll: null, ofValid: null },
      topTwo: { ofAll: null, ofValid: null },
      previous: { topBox: { ofAll: 39 }, deltaPoints: { ofAll: null }, wordingChanged: false },
    });
    expect(report.choices).toEqual([{ code: 'c', n: 0, missing: 0, counts: { yes: 0, no: 0 } }]);
    expect(report.open).toEqual([{ code: 't', answered: 0, themes: [], quotes: [] }]);
  });

  it('holds no NaN or infinity anywhere', () => {
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('choice and open items', () => {
  it('counts each chosen code, a multiple choice once per respondent in n', () => {
    const responses: ReportResponse[] = [
      { source: 'chat', answers: { yn: { kind: 'choice', code: 'yes' }, m: { kind: 'choices', codes: ['a', 'b'] } } },
      { source: 'chat', answers: { yn: { kind: 'choice', code: 'yes' }, m: { kind: 'choices', codes: ['b', 'b'] } } },
      { source: 'paper', answers: { yn: { kind: 'choice', code: 'no' }, m: { kind: 'choices', codes: ['z'] } } },
      { source: 'paper', answers: { yn: { kind: 'skipped' } } },
    ];
    const report = computeEvaluation({ form: form([choiceItem('yn', ['yes', 'no']), choiceItem('m', ['a', 'b', 'c'], true)]), responses, scope });
    expect(report.choices).toEqual([
      { code: 'yn', n: 3, missing: 1, counts: { yes: 2, no: 1 } },
      { code: 'm', n: 2, missing: 2, counts: { a: 1, b: 2, c: 0 } },
    ]);
  });

  it('counts who wrote something, and takes themes (most mentioned first) and quotes from the coding', () => {
    const responses: ReportResponse[] = [
      { source: 'chat', answers: { t: { kind: 'text', value: 'Sharing experience' } } },
      { source: 'chat', answers: { t: { kind: 'text', value: '   ' } } },
      { source: 'paper', answers: { t: { kind: 'text', value: 'Cooperation' } } },
    ];
    const coding = [
      {
        item: 't',
        themes: [
          { theme: 'cooperation', respondents: 8 },
          { theme: 'sharing', respondents: 11 },
        ],
        quotes: ['The World Café was very productive'],
      },
      { item: 'other', themes: [{ theme: 'x', respondents: 1 }], quotes: [] },
    ];
    expect(computeEvaluation({ form: form([textItem('t')]), responses, coding, scope }).open).toEqual([
      {
        code: 't',
        answered: 2,
        themes: [
          { theme: 'sharing', respondents: 11 },
          { theme: 'cooperation', respondents: 8 },
        ],
        quotes: ['The World Café was very productive'],
      },
    ]);
  });
});
