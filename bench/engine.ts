// Benchmark `engine`: steps per second and per-step latency of the pure flow
// engine on every shipped flow. Each run walks the flow the way people do:
// answering (first choices, sometimes others), going back now and then, and
// starting again at each end, with a seeded generator so every run is the same.
import { performance } from 'node:perf_hooks';
import type { CompiledFlow } from '../src/flows/catalog.js';
import { start, step, type FlowInput } from '../src/flows/engine.js';
import { loadAreaFlows } from '../src/flow-actions.js';
import type { Step } from '../src/flows/schema.js';
import type { FlowState } from '../src/flows/state.js';
import { CheckFailed, percentile, registerBenchmark, throughputAndLatency, seededRandom, sorted, type BenchCase } from './harness.js';

const AT = new Date('2026-04-01T10:00:00Z');

function inputFor(current: Step, state: FlowState, random: () => number): FlowInput {
  if (state.path.length > 0 && random() < 0.05) return { type: 'back' };
  if (current.skippable && random() < 0.1) return { type: 'skip', step: current.id };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] ?? list[0]!;
  switch (current.type) {
    case 'multi':
      return state.selection.length >= Math.max(current.min, 1) && random() < 0.5 ? { type: 'done', step: current.id } : { type: 'toggle', step: current.id, code: pick(current.options).code };
    case 'single':
      return { type: 'choose', step: current.id, code: pick(current.options).code };
    case 'scale':
      return { type: 'choose', step: current.id, code: pick(current.points).code };
    case 'yesno':
      return { type: 'choose', step: current.id, code: pick(['yes', 'no', 'unsure']) };
    case 'consent':
      return { type: 'choose', step: current.id, code: pick(['agree', 'decline']) };
    case 'number':
      return { type: 'text', step: current.id, value: String(Math.round(current.min + random() * (current.max - current.min))) };
    default:
      return { type: 'text', step: current.id, value: 'a few words of an answer' };
  }
}

function flowCase(compiled: CompiledFlow): BenchCase {
  return {
    name: compiled.flow.id,
    row: 'random walk',
    column: compiled.flow.id,
    async setup() {
      return {
        async run(steps) {
          const random = seededRandom(7);
          const latencies: number[] = [];
          let state = start(compiled, AT).state;
          let ended = 0;
          const began = performance.now();
          for (let i = 0; i < steps; i++) {
            const current = compiled.steps.get(state.current ?? '');
            if (!current) throw new CheckFailed(`${compiled.flow.id}: no current step after ${i} steps`);
            const input = inputFor(current, state, random);
            const t0 = performance.now();
            state = step(compiled, state, input, AT).state;
            latencies.push(performance.now() - t0);
            if (state.status === 'ended') {
              ended++;
              state = start(compiled, AT).state;
            }
          }
          const elapsed = performance.now() - began;
          if (ended === 0) throw new CheckFailed(`${compiled.flow.id}: ${steps} steps never reached an end`);
          const ordered = sorted(latencies);
          return { throughput: (steps / elapsed) * 1000, p50: percentile(ordered, 50), p99: percentile(ordered, 99), completions: ended };
        },
        async teardown() {},
      };
    },
  };
}

registerBenchmark({
  name: 'engine',
  description: 'steps of the pure flow engine on every shipped flow',
  defaults: { updates: 20_000, runs: 5 },
  metrics: [...throughputAndLatency('steps/s'), { key: 'completions', label: 'flows completed per run', unit: 'count', better: 'higher', digits: 0 }],
  async plan() {
    const { catalog, problems } = loadAreaFlows();
    if (problems.length > 0) throw new CheckFailed(`the shipped flows have ${problems.length} problem(s); run \`ura flows check\``);
    return {
      cases: [...catalog.flows.values()].map(flowCase),
      parameters: { flows: [...catalog.flows.keys()] },
      notes: ['one unit of work is one engine step (start excluded); inputs are valid answers with 5% back and 10% skip where allowed'],
    };
  },
});
