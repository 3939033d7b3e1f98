// Runs one benchmark and records it.
//
//   npm run bench -- <name> [--updates N] [--runs R] [--warmup W]
//
// Every other .ts file in bench/ is a benchmark module that calls
// registerBenchmark() when imported. Each case is prepared once, warmed up with
// one run of W updates, then measured R times; the cases are interleaved round by
// round (case A run 1, case B run 1, ..., case A run 2, ...), so slow drift on the
// machine (other load, thermal throttling) spreads over all cases instead of
// penalising whichever ran last. The result goes to bench/results/<name>.json
// (every run's raw values, median, min, max, spread) and a summary to stdout.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import {
  CheckFailed,
  machineInfo,
  registeredBenchmarks,
  sourceRevision,
  SPREAD_DEFINITION,
  summarize,
  type Benchmark,
  type BenchCase,
  type MetricSummary,
  type PreparedCase,
  type RunParameters,
} from './harness.js';

const benchDir = import.meta.dirname;
const repoRoot = join(benchDir, '..');
const HARNESS_FILES = new Set(['run.ts', 'harness.ts']);
const USAGE = 'usage: npm run bench -- <name> [--updates N] [--runs R] [--warmup W]';

class UsageError extends Error {}

/**
 * A full garbage collection before every run, so that a run does not pay for the
 * garbage of the one before (the bare grammY batch takes a few milliseconds, and
 * one inherited major GC made a p99 40x worse). `npm run bench` cannot pass
 * --expose-gc to node, so the flag is set at run time and the function taken
 * from a fresh context, where V8 installs it.
 */
function fullGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  return typeof gc === 'function' ? () => void gc() : () => undefined;
}

async function loadBenchmarks(): Promise<ReadonlyMap<string, Benchmark>> {
  const modules = readdirSync(benchDir).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !HARNESS_FILES.has(file));
  for (const file of modules.sort()) await import(pathToFileURL(join(benchDir, file)).href);
  return registeredBenchmarks();
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} must be a whole number of at least 1, not "${value}"`);
  return Number(value);
}

function parseCommandLine(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { updates: { type: 'string' }, runs: { type: 'string' }, warmup: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (positionals.length > 1) throw new UsageError(`one benchmark at a time; got ${positionals.join(', ')}`);
    return { name: positionals[0], values };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

// ---------------------------------------------------------------------------
// Human output

function formatNumber(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function pad(cells: string[][]): string {
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  return cells.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('   ')).join('\n');
}

interface CaseResult {
  name: string;
  row: string;
  column: string;
  warmup: Record<string, number>;
  metrics: Record<string, MetricSummary>;
}

/** One small pivot table per metric: rows and columns as the cases name them, cells "median ±spread". */
function humanTables(benchmark: Benchmark, results: CaseResult[], runs: number): string {
  const rows = [...new Set(results.map((r) => r.row))];
  const columns = [...new Set(results.map((r) => r.column))];
  const out: string[] = [];
  for (const metric of benchmark.metrics) {
    const cells: string[][] = [[`${metric.label} [${metric.unit}]`, ...columns]];
    for (const row of rows) {
      cells.push([
        row,
        ...columns.map((column) => {
          const summary = results.find((r) => r.row === row && r.column === column)?.metrics[metric.key];
          return summary ? `${formatNumber(summary.median, metric.digits)} ±${formatNumber(summary.spread * 100, 0)}%` : '-';
        }),
      ]);
    }
    out.push(pad(cells));
  }
  out.push(`cells: median of ${runs} runs ±spread, spread = ${SPREAD_DEFINITION}`);
  return out.join('\n\n');
}

// ---------------------------------------------------------------------------

async function main(argv: string[]): Promise<number> {
  let command: ReturnType<typeof parseCommandLine>;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const benchmarks = await loadBenchmarks();
  const known = [...benchmarks.keys()].sort();
  const listing = known.map((name) => `  ${name.padEnd(12)} ${benchmarks.get(name)!.description}`).join('\n');
  if (command.values.help) {
    console.log(`${USAGE}\n\nbenchmarks:\n${listing}`);
    return 0;
  }
  if (command.name === undefined) {
    console.error(`which benchmark? ${USAGE}\n\nbenchmarks:\n${listing}`);
    return 2;
  }
  const benchmark = benchmarks.get(command.name);
  if (!benchmark) {
    console.error(`unknown benchmark "${command.name}"; known: ${known.join(', ') || '(none)'}\n\n${listing}`);
    return 2;
  }

  let params: RunParameters;
  try {
    const updates = positiveInteger('updates', command.values.updates, benchmark.defaults.updates);
    params = {
      updates,
      runs: positiveInteger('runs', command.values.runs, benchmark.defaults.runs),
      // By default one full run: every code path is reached often enough for V8 to optimise
      // it (with a quarter run, the first measured run of the bare bot was still 2x slower).
      // A benchmark whose unit is large (a person's whole conversation) sets a smaller one.
      warmupUpdates: positiveInteger('warmup', command.values.warmup, benchmark.defaults.warmup ?? updates),
    };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }

  const startedAt = new Date();
  const started = performance.now();
  let plan: Awaited<ReturnType<Benchmark['plan']>>;
  try {
    plan = await benchmark.plan(params);
  } catch (error) {
    console.error(`benchmark ${benchmark.name} cannot start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const machine = machineInfo();
  console.log(`${benchmark.name}: ${benchmark.description}`);
  console.log(`${machine.cpuCount} x ${machine.cpuModel}, ${machine.totalMemoryGiB} GiB, ${machine.platform}/${machine.arch}, node ${machine.node}`);
  console.log(`${params.updates} updates per run, ${params.runs} runs after a warm-up of ${params.warmupUpdates}; ${plan.cases.length} cases`);
  const notes = [...plan.notes];
  // Other processes on the machine widen the spread; say so where the numbers are.
  if (machine.loadAverage1m > machine.cpuCount / 2) {
    notes.push(`machine busy at start: 1-minute load ${machine.loadAverage1m.toFixed(2)} on ${machine.cpuCount} CPUs; other processes compete for the CPU`);
  }
  for (const note of notes) console.log(`note: ${note}`);

  // Teardown exactly once, whether the run ends, fails or is interrupted.
  const prepared: { benchCase: BenchCase; prepared: PreparedCase }[] = [];
  let tearingDown: Promise<void> | undefined;
  const teardownAll = () =>
    (tearingDown ??= (async () => {
      for (const { benchCase, prepared: p } of prepared.reverse()) {
        await p.teardown().catch((error: unknown) => console.error(`cleanup of ${benchCase.name} failed: ${String(error)}`));
      }
    })());
  // process.on, not once: Ctrl-C reaches this process twice (from the terminal and
  // relayed by tsx), and a second, unhandled SIGINT would kill it mid-cleanup.
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: cleaning up temporary databases`);
    void teardownAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const collectGarbage = fullGc();
  const warmups = new Map<string, Record<string, number>>();
  const values = new Map<string, Map<string, number[]>>(plan.cases.map((c) => [c.name, new Map(benchmark.metrics.map((m) => [m.key, []]))]));
  try {
    for (const benchCase of plan.cases) prepared.push({ benchCase, prepared: await benchCase.setup() });
    for (const { benchCase, prepared: p } of prepared) {
      collectGarbage();
      warmups.set(benchCase.name, await p.run(params.warmupUpdates));
    }
    process.stderr.write(`warm-up done (${((performance.now() - started) / 1000).toFixed(1)} s); measuring`);
    for (let round = 1; round <= params.runs; round++) {
      for (const { benchCase, prepared: p } of prepared) {
        collectGarbage();
        const measured = await p.run(params.updates);
        for (const metric of benchmark.metrics) {
          const value = measured[metric.key];
          if (value === undefined || !Number.isFinite(value)) throw new Error(`${benchCase.name} reported no finite ${metric.key}`);
          values.get(benchCase.name)!.get(metric.key)!.push(value);
        }
      }
      process.stderr.write(` ${round}/${params.runs}`);
    }
    process.stderr.write('\n');
  } catch (error) {
    process.stderr.write('\n');
    if (interrupted) {
      // The databases were closed under the running case; its failure means nothing.
      await teardownAll();
      return 130;
    }
    const detail = error instanceof CheckFailed ? `wrong outcome, nothing recorded: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`benchmark ${benchmark.name} FAILED: ${detail}`);
    await teardownAll();
    return 1;
  }
  await teardownAll();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);

  const results: CaseResult[] = plan.cases.map((c) => ({
    name: c.name,
    row: c.row,
    column: c.column,
    warmup: warmups.get(c.name) ?? {},
    metrics: Object.fromEntries(benchmark.metrics.map((m) => [m.key, summarize(values.get(c.name)!.get(m.key)!, m.unit)])),
  }));
  const durationSeconds = (performance.now() - started) / 1000;
  const record = {
    benchmark: benchmark.name,
    description: benchmark.description,
    date: startedAt.toISOString(),
    durationSeconds: Math.round(durationSeconds * 10) / 10,
    machine,
    loadAverage1mAtEnd: os.loadavg()[0] ?? 0,
    source: sourceRevision(repoRoot),
    parameters: { ...params, ...plan.parameters },
    metrics: benchmark.metrics,
    spreadDefinition: SPREAD_DEFINITION,
    notes,
    cases: results,
  };
  const resultsDir = join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${benchmark.name}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);

  console.log(`\n${humanTables(benchmark, results, params.runs)}`);
  console.log(`\n${durationSeconds.toFixed(1)} s; every run in ${relative(process.cwd(), file)}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
