import { describe, expect, it } from 'vitest';
import { assess } from '../../../src/flows/scoring.js';
import type { Answer } from '../../../src/flows/state.js';
import { indicatorSetSchema } from '../../../src/flows/schema.js';
import { flowFrom } from '../../support/flows.js';
import { parse } from 'yaml';
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
      referrals: [],
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

describe('rules for children in the indicator set', () => {
  const RULED = SET.replace(
    '{ id: forced_work, label: forced_work, level: high, weight: 4, element: purpose }',
    '{ id: forced_work, label: forced_work, level: high, weight: 4, element: purpose, forChild: { minimumLevel: HIGH, refer: child_protection } }',
  );
  const ruled = flowFrom(FLOW, RULED);
  const minorStep = FLOW.replace(
    '  - { id: school, type: yesno, text: school, indicators: { no: [out_of_school] }, next: promised }',
    '  - { id: school, type: yesno, text: school, role: minor, indicators: { no: [out_of_school] }, next: promised }',
  );

  it("raise a child's situation to the minimum level of an indicator, whatever else was answered", () => {
    expect(levelOf({ age: age(15), work: choices('begging') })).toBe('CONCERN');
    expect(assess(ruled, answers({ age: age(15), work: choices('begging') }))?.level).toBe('HIGH');
  });

  it('refer a child, with the label an operator reads, and never an adult', () => {
    const child = assess(ruled, answers({ age: age(15), work: choices('begging') }));
    expect(child?.referrals).toEqual(['child_protection']);
    expect(child?.reasons[0]?.refer).toEqual({ to: 'child_protection', label: 'indicators.test:refer.child_protection' });
    const adult = assess(ruled, answers({ age: age(30), work: choices('begging') }));
    expect(adult).toMatchObject({ level: 'CONCERN', referrals: [] });
    expect(adult?.reasons[0]?.refer).toBeUndefined();
  });

  it('are refused on an indicator that applies only to adults, and need a level or a referral', () => {
    const adultOnly = RULED.replace('element: means, appliesTo: adult }', 'element: means, appliesTo: adult, forChild: { minimumLevel: HIGH } }');
    expect(indicatorSetSchema.safeParse(parse(adultOnly)).success).toBe(false);
    const empty = SET.replace('element: purpose }', 'element: purpose, forChild: {} }');
    expect(indicatorSetSchema.safeParse(parse(empty)).success).toBe(false);
  });

  it('apply when "could the person be under 18?" is answered yes or unsure and no age was given', () => {
    const guessed = flowFrom(minorStep, RULED);
    const levelWith = (entries: Record<string, Answer>) => assess(guessed, answers(entries));
    expect(levelWith({ age: { kind: 'skipped' }, school: choice('unsure'), work: choices('begging') })).toMatchObject({ child: true, level: 'HIGH' });
    expect(levelWith({ age: { kind: 'skipped' }, school: choice('yes'), work: choices('begging') })).toMatchObject({ child: true, level: 'HIGH' });
    expect(levelWith({ age: { kind: 'skipped' }, school: choice('no'), work: choices('begging') })).toMatchObject({ child: false, level: 'CONCERN' });
    // A typed age decides over the guess.
    expect(levelWith({ age: age(30), school: choice('yes'), work: choices('begging') })).toMatchObject({ child: false });
  });
});
