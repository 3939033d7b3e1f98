import { describe, expect, it } from 'vitest';
import { assess } from '../../../src/flows/scoring.js';
import type { Answer } from '../../../src/flows/state.js';
import { flowFrom } from '../../support/flows.js';
import { FLOW, SET } from './fixtures.js';

const flow = flowFrom(FLOW, SET);
const choice = (code: string): Answer => ({ kind: 'choice', code });
const choices = (...codes: string[]): Answer => ({ kind: 'choices', codes });
const age = (value: number): Answer => ({ kind: 'number', value });
const answers = (entries: Record<string, Answer>) => new Map(Object.entries(entries));
const levelOf = (entries: Record<string, Answer>) => assess(flow, answers(entries))?.level;

describe('risk assessment', () => {
  it('is INFO with no reasons when nothing fired, and records both versions', () => {
    expect(assess(flow, answers({ safe: choice('yes'), age: age(30) }))).toEqual({
      level: 'INFO',
      score: 0,
      child: false,
      reasons: [],
      flow: { id: 'helpline/test', version: 2 },
      indicatorSet: { id: 'test', version: 3 },
    });
  });

  it('is URGENT on any critical indicator, whatever else', () => {
    expect(levelOf({ safe: choice('danger') })).toBe('URGENT');
    expect(levelOf({ safe: choice('danger'), age: age(30), work: choices('none') })).toBe('URGENT');
  });

  it('explains itself: each indicator with its label key, level and the answers that fired it, gravest first', () => {
    const result = assess(flow, answers({ safe: choice('yes'), age: age(30), work: choices('job', 'begging'), promised: choice('yes') }));
    expect(result?.reasons.map((reason) => reason.indicator)).toEqual(['forced_work', 'debt', 'deceived', 'recruited']);
    expect(result?.reasons[0]).toEqual({
      indicator: 'forced_work',
      label: 'indicators.test:forced_work',
      level: 'high',
      element: 'purpose',
      weight: 4,
      answers: [{ step: 'work', value: ['job', 'begging'] }],
    });
    expect(result?.score).toBe(11);
  });

  it('needs act, means and purpose for an adult to be HIGH below the threshold', () => {
    expect(levelOf({ age: age(30), work: choices('job', 'begging'), promised: choice('yes') })).toBe('HIGH');
    expect(levelOf({ age: age(30), work: choices('job', 'begging'), promised: choice('no') })).toBe('CONCERN');
    expect(levelOf({ age: age(30), work: choices('job') })).toBe('INFO');
  });

  it('does not need "means" for a child: act and purpose are HIGH, either alone a CONCERN', () => {
    expect(levelOf({ age: age(15), work: choices('job', 'begging') })).toBe('HIGH');
    expect(levelOf({ age: age(15), work: choices('job') })).toBe('CONCERN');
    expect(levelOf({ age: age(30), work: choices('job') })).toBe('INFO');
  });

  it('fires child-only and adult-only indicators only for them', () => {
    const child = assess(flow, answers({ age: age(12), school: choice('no'), work: choices('job'), promised: choice('yes') }));
    expect(child?.reasons.map((reason) => reason.indicator).sort()).toEqual(['deceived', 'out_of_school', 'recruited']);
    const adult = assess(flow, answers({ age: age(40), school: choice('no'), work: choices('job'), promised: choice('yes') }));
    expect(adult?.reasons.map((reason) => reason.indicator).sort()).toEqual(['debt', 'deceived', 'recruited']);
  });

  it('uses the score thresholds of the flow', () => {
    // One element only, so only the score can raise the level: deceived 2 < concern 3; with debt 3 it is 5.
    expect(levelOf({ age: age(30), work: choices('none'), promised: choice('yes') })).toBe('INFO');
    const withDebt = assess(flow, answers({ age: age(30), work: choices('job'), promised: choice('yes') }));
    expect(withDebt?.score).toBe(7);
    expect(withDebt?.level).toBe('CONCERN');
  });
});
