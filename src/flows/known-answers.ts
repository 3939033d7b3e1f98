import type { CompiledFlow } from './catalog.js';
import { AGE_BANDS, type Step } from './schema.js';
import type { Answer } from './state.js';

/** What the helpline already asked before a flow starts, as the person answered it. */
export interface Known {
  /** "Can you talk safely?": only answers that lead on to a flow (danger and a doctor open an urgent case instead). */
  safety?: 'safe' | 'not_really';
  /** "Are you under 18?" */
  under18?: boolean;
}

/** The answer `known` gives a step marked `from`, if it gives one that fits the step. */
function answerOf(step: Step, known: Known): Answer | undefined {
  if (step.from === 'safety' && step.type === 'single' && known.safety !== undefined) {
    const code = known.safety;
    return step.options.some((option) => option.code === code) ? { kind: 'choice', code } : undefined;
  }
  if (step.from === 'age' && known.under18 !== undefined) {
    if (step.type === 'yesno') return { kind: 'choice', code: known.under18 ? 'yes' : 'no' };
    if (step.type === 'number' && step.role === 'age') return { kind: 'choice', code: known.under18 ? AGE_BANDS.under18 : AGE_BANDS.adult };
  }
  return undefined;
}

/** The answers of a flow's `from` steps that the person already gave, by step id: `start` skips those steps. */
export function knownAnswers(compiled: CompiledFlow, known: Known): Record<string, Answer> {
  return Object.fromEntries(
    compiled.flow.steps.flatMap((step) => {
      const answer = answerOf(step, known);
      return answer ? [[step.id, answer] as const] : [];
    }),
  );
}
