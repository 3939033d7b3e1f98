import { describe, expect, it } from 'vitest';
import { evaluate, holds, parseExpression, references, type Scope, type Value } from '../../../src/flows/expression.js';

const scope = (answers: Record<string, Value>, extra: Partial<Scope> = {}): Scope => ({
  answer: (step) => answers[step] ?? null,
  score: 5,
  level: 'CONCERN',
  child: false,
  fired: (id) => id === 'debt',
  guard: (name) => name === 'abroad',
  ...extra,
});
const check = (source: string, answers: Record<string, Value> = {}, extra: Partial<Scope> = {}) => holds(parseExpression(source), scope(answers, extra));

describe('conditions', () => {
  it('read answers, score, level, child, fired indicators and guards', () => {
    expect(check("answers.safe == 'danger'", { safe: 'danger' })).toBe(true);
    expect(check('score >= 5 && score < 6')).toBe(true);
    expect(check("level == 'CONCERN' || level == 'HIGH'")).toBe(true);
    expect(check('!child && fired.debt && abroad')).toBe(true);
    expect(check('fired.other || child')).toBe(false);
  });

  it('treat lists, skipped and missing answers sensibly', () => {
    expect(check("includes(answers.work, 'begging')", { work: ['job', 'begging'] })).toBe(true);
    expect(check("includes(answers.work, 'begging')", { work: 'skipped' })).toBe(false);
    expect(check('answered(answers.age)', { age: 'skipped' })).toBe(false);
    expect(check('answered(answers.age)', { age: 17 })).toBe(true);
    expect(check('answered(answers.age)')).toBe(false);
    // A skipped or missing age is never "under 18".
    expect(check('answers.age < 18', { age: 'skipped' })).toBe(false);
    expect(check('answers.age < 18')).toBe(false);
    expect(evaluate(parseExpression('answers.age'), scope({ age: 17 }))).toBe(17);
  });

  it('name what they refer to, so the loader can check it', () => {
    expect(references(parseExpression("answers.a == 'x' && fired.debt || young && score > level"))).toEqual([
      { kind: 'answer', name: 'a' },
      { kind: 'fired', name: 'debt' },
      { kind: 'guard', name: 'young' },
    ]);
  });

  it.each([
    ['process.exit(1)', /only includes and answered may be called/],
    ['answers["safe"]', /only answers\.<step> and fired\.<indicator>/],
    ['globalThis.x', /unknown name "globalThis"/],
    ['score + 1 > 2', /operator "\+" is not allowed/],
    ['-score', /operator "-" is not allowed/],
    ['[1, 2]', /"ArrayExpression" is not allowed/],
    ['a ? b : c', /"ConditionalExpression" is not allowed/],
  ])('refuse %s', (source, message) => {
    expect(() => references(parseExpression(source))).toThrow(message);
  });

  it('report text that does not parse', () => {
    expect(() => parseExpression("answers.a == 'x")).toThrow(/cannot parse/);
  });
});
