import { parse } from 'yaml';
import type { CompiledFlow } from '../../src/flows/catalog.js';
import { step, start, type Effect, type FlowInput, type StepResult } from '../../src/flows/engine.js';
import { compileFlow } from '../../src/flows/loader.js';
import { flowSchema, indicatorSetSchema } from '../../src/flows/schema.js';
import type { FlowState } from '../../src/flows/state.js';

/** Compiles a flow written inline in a test (and its indicator set), validated by the real schemas. */
export function flowFrom(flowYaml: string, setYaml?: string): CompiledFlow {
  return compileFlow(flowSchema.parse(parse(flowYaml)), setYaml ? indicatorSetSchema.parse(parse(setYaml)) : undefined);
}

export const AT = new Date('2026-04-01T10:00:00.000Z');

/** Drives a flow input by input, keeping the latest state and every effect. */
export function drive(compiled: CompiledFlow) {
  let result: StepResult = start(compiled, AT);
  const all: Effect[] = [...result.effects];
  return {
    get state(): FlowState {
      return result.state;
    },
    get effects(): Effect[] {
      return result.effects;
    },
    all,
    send(input: FlowInput) {
      result = step(compiled, result.state, input, AT);
      all.push(...result.effects);
      return result;
    },
    /** Answers the current question: a code, a list of codes (multi) or text. */
    answer(value: string | string[]) {
      const id = result.state.current ?? '';
      const current = compiled.steps.get(id);
      if (Array.isArray(value)) {
        for (const code of value) this.send({ type: 'toggle', step: id, code });
        return this.send({ type: 'done', step: id });
      }
      return this.send(current?.type === 'text' || current?.type === 'number' ? { type: 'text', step: id, value } : { type: 'choose', step: id, code: value });
    },
  };
}

export const asked = (effects: Effect[]): string[] => effects.flatMap((effect) => (effect.type === 'ask' ? [effect.step.id] : []));
export const kinds = (effects: Effect[]): string[] => effects.map((effect) => effect.type);
