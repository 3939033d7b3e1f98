import { z } from 'zod';
import type { Value } from './expression.js';

/** An answer as stored: serialisable, with codes that pool across languages and versions. */
export const answerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), code: z.string() }),
  z.object({ kind: z.literal('choices'), codes: z.array(z.string()) }),
  z.object({ kind: z.literal('number'), value: z.number() }),
  z.object({ kind: z.literal('text'), value: z.string() }),
  z.object({ kind: z.literal('consent'), agreed: z.boolean() }),
  /** "Prefer not to say". */
  z.object({ kind: z.literal('skipped') }),
  /** "Not applicable", distinct from no answer. */
  z.object({ kind: z.literal('na') }),
]);
export type Answer = z.infer<typeof answerSchema>;

/**
 * Where a person is in a flow. Plain JSON: callers store it and hand it back,
 * after a restart too. `path` lists the questions answered, in order; only their
 * answers count, so going back and choosing differently leaves nothing stale.
 */
export const flowStateSchema = z.object({
  flowId: z.string(),
  flowVersion: z.number().int(),
  status: z.enum(['active', 'ended']),
  current: z.string().nullable(),
  path: z.array(z.string()),
  answers: z.record(z.string(), answerSchema),
  /** Choices ticked so far on the current multi-choice question. */
  selection: z.array(z.string()),
  outcome: z.string().nullable(),
  /** Whether the urgent effect was already given (it is given once). */
  urgent: z.boolean(),
  /** Answers the person gave before the flow began (the helpline's own questions), by step: those steps are not asked. */
  prefilled: z.record(z.string(), answerSchema).optional(),
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type FlowState = z.infer<typeof flowStateSchema>;

/** The value conditions see for an answer. */
export function answerValue(answer: Answer): Value {
  switch (answer.kind) {
    case 'choice':
      return answer.code;
    case 'choices':
      return answer.codes;
    case 'number':
    case 'text':
      return answer.value;
    case 'consent':
      return answer.agreed ? 'agree' : 'decline';
    default:
      return answer.kind;
  }
}

/** The answers that count: those of the questions on the path, in order. */
export const countedAnswers = (state: FlowState): Map<string, Answer> => new Map(state.path.flatMap((step) => (state.answers[step] ? [[step, state.answers[step]] as const] : [])));
