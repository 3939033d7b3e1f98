import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledFlow } from '../../../src/flows/catalog.js';
import { step, start, type FlowInput } from '../../../src/flows/engine.js';
import { loadAreaFlows } from '../../../src/flow-actions.js';
import type { Step } from '../../../src/flows/schema.js';
import { assess, RISK_LEVELS } from '../../../src/flows/scoring.js';
import { countedAnswers, flowStateSchema, type Answer, type FlowState } from '../../../src/flows/state.js';
import { AT } from '../../support/flows.js';

const { catalog } = loadAreaFlows();
const flows = [...catalog.flows.values()];

const codesOf = (s: Step): string[] =>
  s.type === 'single' || s.type === 'multi'
    ? s.options.map((o) => o.code)
    : s.type === 'scale'
      ? s.points.map((p) => p.code)
      : s.type === 'yesno'
        ? ['yes', 'no', 'unsure']
        : s.type === 'consent'
          ? ['agree', 'decline']
          : [];

/** Turns a random number into some input for the current question: fitting or not, back, skip, N/A. */
function randomInput(current: Step, pick: number, text: string): FlowInput {
  const codes = codesOf(current);
  switch (pick % 8) {
    case 0:
      return { type: 'back' };
    case 1:
      return { type: 'skip', step: current.id };
    case 2:
      return { type: 'na', step: current.id };
    case 3:
      return { type: 'text', step: current.id, value: text };
    case 4:
      return { type: 'done', step: current.id };
    case 5:
      return { type: 'choose', step: 'not_a_step', code: 'x' };
    default: {
      const code = codes[pick % Math.max(codes.length, 1)] ?? 'x';
      if (current.type === 'multi') return { type: 'toggle', step: current.id, code };
      if (current.type === 'number') return { type: 'text', step: current.id, value: String(current.min + (pick % (current.max - current.min + 1))) };
      if (current.type === 'text') return { type: 'text', step: current.id, value: 'words '.repeat(1 + (pick % 5)) };
      return { type: 'choose', step: current.id, code };
    }
  }
}

/** Answers the current question in the plainest valid way: the first choice, the minimum, some words. */
function forward(current: Step): FlowInput[] {
  const codes = codesOf(current);
  if (current.type === 'multi') return [...codes.slice(0, Math.max(current.min, 1)).map((code) => ({ type: 'toggle' as const, step: current.id, code })), { type: 'done', step: current.id }];
  if (current.type === 'number') return [{ type: 'text', step: current.id, value: String(current.min) }];
  if (current.type === 'text') return [{ type: 'text', step: current.id, value: 'x'.repeat(current.minLength) }];
  return [{ type: 'choose', step: current.id, code: codes[0] ?? '' }];
}

function run(compiled: CompiledFlow, moves: [number, string][]): FlowState {
  let state = start(compiled, AT).state;
  for (const [pick, text] of moves) {
    const current = state.current ? compiled.steps.get(state.current) : undefined;
    if (!current) break;
    state = step(compiled, state, randomInput(current, pick, text), AT).state;
    flowStateSchema.parse(state);
  }
  return state;
}

const moves = fc.array(fc.tuple(fc.nat(1000), fc.string({ maxLength: 30 })), { maxLength: 60 });

describe.each(flows.map((compiled) => [compiled.flow.id, compiled] as const))('shipped flow %s', (_id, compiled) => {
  it('never throws on any sequence of input, and can always be finished from where it stands', () => {
    fc.assert(
      fc.property(moves, (sequence) => {
        let state = run(compiled, sequence);
        for (let guard = 0; state.status === 'active' && guard < 500; guard++) {
          const current = compiled.steps.get(state.current ?? '');
          if (!current) throw new Error(`current step "${state.current}" does not exist`);
          for (const input of forward(current)) state = step(compiled, state, input, AT).state;
        }
        expect(state.status).toBe('ended');
        expect(state.outcome).toMatch(/^[a-z0-9_]+$/);
      }),
      { numRuns: 150 },
    );
  });

  const criticalAnswers: [string, Answer][] = compiled.flow.steps.flatMap((s): [string, Answer][] => {
    // Critical for everyone; those for children or adults only are covered by the monotonic check alone.
    const critical = new Set(compiled.indicatorSet?.indicators.filter((i) => i.level === 'critical' && i.appliesTo === 'both').map((i) => i.id));
    const options = s.type === 'single' || s.type === 'multi' ? s.options : s.type === 'scale' ? s.points : [];
    const fromOptions = options
      .filter((o) => o.indicators?.some((id) => critical.has(id)))
      .map((o): [string, Answer] => [s.id, s.type === 'multi' ? { kind: 'choices', codes: [o.code] } : { kind: 'choice', code: o.code }]);
    const yesno =
      s.type === 'yesno' ? (['yes', 'no', 'unsure'] as const).filter((c) => s.indicators?.[c]?.some((id) => critical.has(id))).map((c): [string, Answer] => [s.id, { kind: 'choice', code: c }]) : [];
    return [...fromOptions, ...yesno];
  });

  // Only flows with an answer that is critical for everyone have this property to check.
  if (criticalAnswers.length === 0) return;
  it('never lowers the level when a critical answer is added', () => {
    fc.assert(
      fc.property(moves, fc.nat(), (sequence, which) => {
        const answers = countedAnswers(run(compiled, sequence));
        const before = assess(compiled, answers);
        const [stepId, answer] = criticalAnswers[which % criticalAnswers.length]!;
        const after = assess(compiled, new Map([...answers, [stepId, answer]]));
        expect(RISK_LEVELS.indexOf(after!.level)).toBeGreaterThanOrEqual(RISK_LEVELS.indexOf(before!.level));
        expect(after!.level).toBe('URGENT');
      }),
      { numRuns: 150 },
    );
  });
});
