import { describe, expect, it } from 'vitest';
import { computeEvaluation } from '../../../../src/reports/evaluation/compute.js';
import type { PreviousEdition } from '../../../../src/reports/evaluation/model.js';
import { previousFromReport } from '../../../../src/reports/evaluation/previous.js';
import { form, responsesFrom, scaleItem } from '../../../support/evaluation-responses.js';

const scope = { kind: 'event' as const, id: 'ev-2006' };
// 2006: 1.1 "met your expectations" 24 of 50 (48%), 2.5 "time devoted" 34 of 50 (68%), 2.6 "discussion" 38 of 50 (76%).
const items = [scaleItem('obj_expectations'), scaleItem('proc_time'), scaleItem('proc_discussion'), scaleItem('proc_venue')];
const responses = responsesFrom({
  obj_expectations: { 2: 4, 3: 22, 4: 24 },
  proc_time: { 2: 2, 3: 14, 4: 34 },
  proc_discussion: { 3: 12, 4: 38 },
  proc_venue: { 3: 30, 4: 20 },
});
const y2005: PreviousEdition = { kind: 'file', id: '2005.csv', items: { obj_expectations: { topBoxOfAll: 39 }, proc_time: { topBoxOfAll: 45 }, proc_discussion: { topBoxOfAll: 61 } } };

describe('year over year', () => {
  const report = computeEvaluation({ form: form(items), responses, previous: y2005, scope });
  const byCode = Object.fromEntries(report.items.map((item) => [item.code, item.previous]));

  it('gives the change in percentage points of the top box of all: 1.1 rose 9 points, from 39% to 48%', () => {
    expect(byCode.obj_expectations).toEqual({ topBox: { ofAll: 39 }, deltaPoints: { ofAll: 9 }, wordingChanged: false });
    expect(byCode.proc_time?.deltaPoints.ofAll).toBe(23);
    expect(byCode.proc_discussion?.deltaPoints.ofAll).toBe(15);
  });

  it('leaves an item the previous edition did not have without a comparison, and names the edition compared with', () => {
    expect(byCode.proc_venue).toBeNull();
    expect(report.previous).toEqual({ kind: 'file', id: '2005.csv' });
  });

  it('rounds the change to one decimal, and a fall is negative', () => {
    const earlier: PreviousEdition = { kind: 'file', id: 'f', items: { proc_venue: { topBoxOfAll: 42.25 }, proc_time: { topBoxOfAll: 68.04 } } };
    const compared = computeEvaluation({ form: form(items), responses, previous: earlier, scope }).items;
    expect(compared.find((item) => item.code === 'proc_venue')?.previous?.deltaPoints.ofAll).toBe(-2.3);
    expect(compared.find((item) => item.code === 'proc_time')?.previous?.deltaPoints.ofAll).toBe(0);
  });
});

describe('the wording flag', () => {
  const current = [scaleItem('q', { sq: 'A i plotësoi konferenca pritshmëritë tuaja?', en: 'Did the conference meet your expectations?' })];
  const flagOf = (text: Record<string, string> | undefined) =>
    computeEvaluation({ form: form(current), responses: responsesFrom({ q: { 4: 5 } }), previous: { kind: 'file', id: 'f', items: { q: { topBoxOfAll: 50, text } } }, scope }).items[0]?.previous
      ?.wordingChanged;

  it('is raised when a wording known in both editions differs in any shared language', () => {
    expect(flagOf({ en: 'Did the conference meet your needs?' })).toBe(true);
    expect(flagOf({ sq: 'A i plotësoi konferenca pritshmëritë tuaja?', en: 'Did the workshop meet your expectations?' })).toBe(true);
  });

  it('is not raised for a change of spacing only, a language the form lacks, or an unknown earlier wording', () => {
    expect(flagOf({ en: '  Did the conference   meet your\nexpectations? ' })).toBe(false);
    expect(flagOf({ it: 'La conferenza ha soddisfatto le sue aspettative?' })).toBe(false);
    expect(flagOf(undefined)).toBe(false);
  });
});

describe('an earlier report in Ura as the previous edition', () => {
  it('carries its top box of all per item and the wording its runs kept', () => {
    const lastYear = computeEvaluation({ form: form([scaleItem('q', { en: 'Old wording' })]), responses: responsesFrom({ q: { 3: 3, 4: 1 } }), scope: { kind: 'event', id: 'ev-2025' } });
    const previous = previousFromReport(lastYear, { q: { en: 'Old wording' } });
    expect(previous).toEqual({ kind: 'event', id: 'ev-2025', items: { q: { topBoxOfAll: 25, text: { en: 'Old wording' } } } });
    const thisYear = computeEvaluation({ form: form([scaleItem('q', { en: 'New wording' })]), responses: responsesFrom({ q: { 4: 3, 3: 1 } }), previous, scope });
    expect(thisYear.items[0]?.previous).toEqual({ topBox: { ofAll: 25 }, deltaPoints: { ofAll: 50 }, wordingChanged: true });
  });

  it("flags no change when the earlier runs kept no wording (it is not known, and today's form is not last year's)", () => {
    const lastYear = computeEvaluation({ form: form([scaleItem('q', { en: 'Today' })]), responses: responsesFrom({ q: { 4: 2 } }), scope: { kind: 'event', id: 'ev-2025' } });
    const previous = previousFromReport(lastYear, null);
    expect(previous.items.q).toEqual({ topBoxOfAll: 100 });
    const thisYear = computeEvaluation({ form: form([scaleItem('q', { en: 'Reworded today' })]), responses: responsesFrom({ q: { 4: 1, 3: 1 } }), previous, scope });
    expect(thisYear.items[0]?.previous).toEqual({ topBox: { ofAll: 100 }, deltaPoints: { ofAll: -50 }, wordingChanged: false });
  });

  it("compares the wording this edition's runs asked, not the form as it reads today", () => {
    const previous = previousFromReport(
      computeEvaluation({ form: form([scaleItem('q', { en: 'Asked in 2025' })]), responses: responsesFrom({ q: { 4: 1 } }), scope: { kind: 'event', id: 'ev-2025' } }),
      {
        q: { en: 'Asked in 2025' },
      },
    );
    const today = form([scaleItem('q', { en: 'Reworded after 2026' })]);
    const asked2026 = computeEvaluation({ form: today, responses: responsesFrom({ q: { 4: 1 } }), previous, scope, wording: { q: { en: 'Asked in 2025' } } });
    expect(asked2026.items[0]?.previous?.wordingChanged).toBe(false);
    const unkept = computeEvaluation({ form: today, responses: responsesFrom({ q: { 4: 1 } }), previous, scope });
    expect(unkept.items[0]?.previous?.wordingChanged).toBe(true);
  });
});
