// The benchmark harness: a registry, the statistics and the machine description
// that bench/run.ts writes next to every result.
//
// Hand-written rather than tinybench (which is only a transitive dependency of
// vitest here): tinybench times one function over many iterations and reports
// per-iteration statistics, whereas the unit of work here is a batch of N
// updates, processed with some concurrency, with per-update latencies taken
// inside the batch, the database reset and the outcome checked between runs, and
// several cases interleaved. That is a loop, a sort and a median; a library would
// not remove any of it.
import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** A quantity every run of every case of a benchmark reports. */
export interface Metric {
  key: string;
  label: string;
  unit: string;
  /** Which direction is an improvement; informational. */
  better: 'higher' | 'lower';
  /** Decimal places in the human table. */
  digits: number;
}

export interface RunParameters {
  /** Units of work (updates) in one measured run. */
  updates: number;
  /** Measured runs of every case, after one warm-up run. */
  runs: number;
  /** Units of work in the warm-up run. */
  warmupUpdates: number;
}

/** One measured configuration, prepared once and run warm-up + R times. */
export interface BenchCase {
  /** Unique within the benchmark; also the row key in the JSON. */
  name: string;
  /** Where the case goes in the human table: a row (e.g. concurrency) and a column (e.g. system). */
  row: string;
  column: string;
  /** Opens whatever the case needs (databases, bots); runs before any measurement. */
  setup(): Promise<PreparedCase>;
}

export interface PreparedCase {
  /**
   * Performs one run of `updates` units and returns a value for every metric.
   * Must check its own outcome and throw when the system under test misbehaved:
   * a measurement of a broken pipeline is worthless.
   */
  run(updates: number): Promise<Record<string, number>>;
  /** Releases everything setup() opened. Called once, also after a failure. */
  teardown(): Promise<void>;
}

export interface Benchmark {
  name: string;
  description: string;
  /** `warmup`: units of the warm-up run; one full run when not given. */
  defaults: { updates: number; runs: number; warmup?: number };
  metrics: Metric[];
  /** The cases to run with these parameters, plus parameters and notes worth recording. */
  plan(params: RunParameters): Promise<{ cases: BenchCase[]; parameters: Record<string, unknown>; notes: string[] }>;
}

/** Throughput in `unit` and p50/p99 latency in ms: what every benchmark here reports first. */
export function throughputAndLatency(unit: string, options: { prefix?: string; digits?: number } = {}): Metric[] {
  const { prefix = '', digits = 4 } = options;
  return [
    { key: 'throughput', label: `${prefix}throughput`, unit, better: 'higher', digits: 0 },
    { key: 'p50', label: `${prefix}p50 latency`, unit: 'ms', better: 'lower', digits },
    { key: 'p99', label: `${prefix}p99 latency`, unit: 'ms', better: 'lower', digits },
  ];
}

/** Thrown by a case whose outcome is wrong; reported without a stack trace. */
export class CheckFailed extends Error {}

const registry = new Map<string, Benchmark>();

/** Called by a benchmark module at import time. */
export function registerBenchmark(benchmark: Benchmark): void {
  if (registry.has(benchmark.name)) throw new Error(`benchmark "${benchmark.name}" is registered twice`);
  registry.set(benchmark.name, benchmark);
}

export const registeredBenchmarks = (): ReadonlyMap<string, Benchmark> => registry;

// ---------------------------------------------------------------------------
// Statistics

/** Ascending copy. */
export const sorted = (values: ArrayLike<number>): number[] => Array.from(values).sort((a, b) => a - b);

/**
 * Percentile by the nearest-rank method on sorted values: the smallest value
 * with at least p% of the values at or below it. No interpolation, so p99 of
 * 2000 latencies is an observed latency (the 1980th smallest).
 */
export function percentile(ascending: readonly number[], p: number): number {
  if (ascending.length === 0) throw new Error('percentile of no values');
  const rank = Math.max(1, Math.ceil((p / 100) * ascending.length));
  return ascending[Math.min(rank, ascending.length) - 1]!;
}

/** Median with the usual mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  const s = sorted(values);
  if (s.length === 0) throw new Error('median of no values');
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const SPREAD_DEFINITION = '(max - min) / median of the per-run values (relative range); 0.05 = 5 %';

export interface MetricSummary {
  unit: string;
  values: number[];
  median: number;
  min: number;
  max: number;
  /** See SPREAD_DEFINITION. With 5 runs an interquartile range would rest on 1-2 points, so the full range is used. */
  spread: number;
}

export function summarize(values: number[], unit: string): MetricSummary {
  const m = median(values);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { unit, values, median: m, min, max, spread: m === 0 ? 0 : (max - min) / m };
}

// ---------------------------------------------------------------------------
// Where the numbers came from

export interface MachineInfo {
  node: string;
  v8: string;
  platform: NodeJS.Platform;
  arch: string;
  osRelease: string;
  cpuModel: string;
  cpuCount: number;
  totalMemoryBytes: number;
  totalMemoryGiB: number;
  loadAverage1m: number;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryBytes: os.totalmem(),
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage1m: os.loadavg()[0] ?? 0,
  };
}

/** The commit measured, and whether the tree had changes; undefined outside a git checkout. */
export function sourceRevision(cwd: string): { commit: string; dirty: boolean } | undefined {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no') !== '' };
  } catch {
    return undefined;
  }
}

/** Every run of every case gets the same sequence. */
export { seededRandom } from '../src/shared/random.js';
