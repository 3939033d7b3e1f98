import { describe, expect, it } from 'vitest';
import { computeEvaluation } from '../../../../src/reports/evaluation/compute.js';
import type { ReportResponse } from '../../../../src/reports/evaluation/model.js';
import { form, responsesFrom, scaleItem, type Tally } from '../../../support/evaluation-responses.js';

const scope = { kind: 'event' as const, id: 'ev' };
const group = (orgType: string | null, region: string | null, tally: Tally): ReportResponse[] => responsesFrom({ q: tally }, { profile: { orgType, region } });

describe('breakdowns by type of organisation and region', () => {
  it('are left out for an anonymous form (no response carries a profile)', () => {
    expect(computeEvaluation({ form: form([scaleItem('q')]), responses: responsesFrom({ q: { 4: 20 } }), scope }).breakdowns).toEqual([]);
  });

  it('show the top box of all per group, hide a group under 5 and withhold the next smallest, so the total cannot give it away', () => {
    const responses = [...group('ngo', 'tirane', { 4: 6, 3: 4 }), ...group('local_gov', 'shkoder', { 4: 3, 3: 3 }), ...group('central_gov', 'tirane', { 4: 2, na: 1 })];
    const [byType, byRegion] = computeEvaluation({ form: form([scaleItem('q')]), responses, scope, groupOrder: { orgType: ['central_gov', 'local_gov', 'ngo'] } }).breakdowns;
    expect(byType?.by).toBe('orgType');
    expect(byType?.items[0]?.rows).toEqual([
      { key: 'central_gov', respondents: '<5', topBoxOfAll: null },
      { key: 'local_gov', respondents: 'x', topBoxOfAll: null },
      { key: 'ngo', respondents: 10, topBoxOfAll: 60 },
    ]);
    expect(byRegion?.items[0]?.rows).toEqual([
      { key: 'shkoder', respondents: 6, topBoxOfAll: 50 },
      { key: 'tirane', respondents: 13, topBoxOfAll: 61.5 },
    ]);
  });

  it('count those without a profile as "unknown", and no-answers in no group', () => {
    const responses = [...group('ngo', 'tirane', { 4: 5, skipped: 3 }), ...responsesFrom({ q: { 4: 5, 1: 1 } })];
    const rows = computeEvaluation({ form: form([scaleItem('q')]), responses, scope }).breakdowns[0]?.items[0]?.rows;
    expect(rows).toEqual([
      { key: 'ngo', respondents: 5, topBoxOfAll: 100 },
      { key: 'unknown', respondents: 6, topBoxOfAll: 83.3 },
    ]);
  });

  it('never show a percentage of a group that is hidden, even when two hidden groups hide each other', () => {
    const responses = [...group('a', 'r', { 4: 2 }), ...group('b', 'r', { 4: 3 }), ...group('c', 'r', { 4: 9 })];
    const rows = computeEvaluation({ form: form([scaleItem('q')]), responses, scope }).breakdowns[0]?.items[0]?.rows;
    expect(rows).toEqual([
      { key: 'a', respondents: '<5', topBoxOfAll: null },
      { key: 'b', respondents: '<5', topBoxOfAll: null },
      { key: 'c', respondents: 9, topBoxOfAll: 100 },
    ]);
  });
});
