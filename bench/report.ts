// Benchmark `report`: an evaluation report on 10,000 responses to a 30-item form (24
// four-point scale items with N/A, 3 choice items, 3 open answers), as organisers of a
// large training series would ask for it: the JSON computed from the responses, then the
// self-contained HTML rendered from it. One unit of work is one report; peak memory is
// the process's highest resident set size after the measured runs.
import { performance } from 'node:perf_hooks';
import { createI18n } from '../src/i18n/index.js';
import { computeEvaluation } from '../src/reports/evaluation/compute.js';
import { renderEvaluationHtml } from '../src/reports/evaluation/html.js';
import type { EvaluationForm, FormItem, ReportAnswer, ReportResponse } from '../src/reports/evaluation/model.js';
import { CheckFailed, registerBenchmark, seededRandom, type BenchCase } from './harness.js';

const RESPONSES = 10_000;
const SCALE_ITEMS = 24;
const CHOICE_ITEMS = 3;
const OPEN_ITEMS = 3;

function formOf(): EvaluationForm {
  const text = (code: string) => ({ sq: `Pyetja ${code}`, en: `Question ${code}` });
  const labels = { sq: ['aspak', 'pak', 'mjaft', 'shumë'], en: ['not at all', 'a little', 'quite', 'very much'] };
  const items: FormItem[] = [
    ...Array.from({ length: SCALE_ITEMS }, (_, i): FormItem => ({ code: `s${i + 1}`, kind: 'scale', points: ['1', '2', '3', '4'], notApplicable: true, text: text(`s${i + 1}`), pointLabels: labels })),
    ...Array.from(
      { length: CHOICE_ITEMS },
      (_, i): FormItem => ({
        code: `c${i + 1}`,
        kind: 'choice',
        multiple: i === 0,
        options: ['a', 'b', 'c', 'd'],
        text: text(`c${i + 1}`),
        optionLabels: { sq: { a: 'A', b: 'B', c: 'C', d: 'D' }, en: { a: 'A', b: 'B', c: 'C', d: 'D' } },
      }),
    ),
    ...Array.from({ length: OPEN_ITEMS }, (_, i): FormItem => ({ code: `o${i + 1}`, kind: 'text', text: text(`o${i + 1}`) })),
  ];
  return { id: 'bench/evaluation', version: 1, title: { sq: 'Vlerësimi', en: 'Evaluation' }, items, anonymous: true };
}

const WORDS = ['bashkëpunimi', 'trajnimi', 'koordinimi', 'materialet', 'koha', 'diskutimi', 'përkthimi', 'rrjetëzimi', 'the', 'group', 'work', 'useful'];

function responsesOf(form: EvaluationForm, seed: number): ReportResponse[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  return Array.from({ length: RESPONSES }, (_, r) => {
    const answers: Record<string, ReportAnswer> = {};
    for (const item of form.items) {
      const roll = random();
      if (roll < 0.04) continue; // no answer
      if (item.kind === 'scale') answers[item.code] = roll < 0.08 ? { kind: 'na' } : { kind: 'choice', code: pick(['1', '2', '3', '3', '4', '4', '4']) };
      else if (item.kind === 'choice') answers[item.code] = item.multiple ? { kind: 'choices', codes: item.options.filter(() => random() < 0.4) } : { kind: 'choice', code: pick(item.options) };
      else answers[item.code] = { kind: 'text', value: Array.from({ length: 8 + Math.floor(random() * 30) }, () => pick(WORDS)).join(' ') };
    }
    return { source: r % 5 === 0 ? 'paper' : 'chat', answers };
  });
}

const i18n = createI18n();

function reportCase(): BenchCase {
  return {
    name: 'report',
    row: `${RESPONSES.toLocaleString('en')} responses, ${SCALE_ITEMS + CHOICE_ITEMS + OPEN_ITEMS} items`,
    column: 'Ura',
    async setup() {
      const form = formOf();
      let seed = 0;
      return {
        async run(reports) {
          let computeMs = 0;
          let htmlMs = 0;
          let bytes = 0;
          for (let i = 0; i < reports; i++) {
            const responses = responsesOf(form, ++seed);
            const began = performance.now();
            const report = computeEvaluation({ form, responses, participants: RESPONSES + 500, scope: { kind: 'file', id: 'bench.csv' } });
            const computed = performance.now();
            const page = renderEvaluationHtml(report, form, { languages: ['sq', 'en'], t: i18n.t });
            htmlMs += performance.now() - computed;
            computeMs += computed - began;
            bytes = page.length;
            if (report.responses !== RESPONSES || report.items.length !== SCALE_ITEMS) throw new CheckFailed(`the report counted ${report.responses} responses and ${report.items.length} rated items`);
            const n = report.items[0]?.n ?? 0;
            if (n < RESPONSES * 0.9) throw new CheckFailed(`item s1 has ${n} answers of ${RESPONSES}`);
          }
          return { computeMs: computeMs / reports, htmlMs: htmlMs / reports, htmlKb: bytes / 1024, peakRssMb: process.resourceUsage().maxRSS / 1024 };
        },
        async teardown() {},
      };
    },
  };
}

registerBenchmark({
  name: 'report',
  description: 'an evaluation report on 10,000 responses to a 30-item form: the JSON computed, the HTML rendered, peak memory',
  defaults: { updates: 1, runs: 5, warmup: 1 },
  metrics: [
    { key: 'computeMs', label: 'JSON computed', unit: 'ms', better: 'lower', digits: 0 },
    { key: 'htmlMs', label: 'HTML rendered (two languages)', unit: 'ms', better: 'lower', digits: 0 },
    { key: 'htmlKb', label: 'HTML size', unit: 'KiB', better: 'lower', digits: 0 },
    { key: 'peakRssMb', label: 'peak resident memory of the process', unit: 'MiB', better: 'lower', digits: 0 },
  ],
  async plan() {
    return {
      cases: [reportCase()],
      parameters: { responses: RESPONSES, scaleItems: SCALE_ITEMS, choiceItems: CHOICE_ITEMS, openItems: OPEN_ITEMS },
      notes: [
        'one unit of work is one report on freshly generated responses (a new seed each run); generating them is not timed',
        'answers: 4% of items unanswered, 4% N/A on rated items, open answers of 8 to 37 words; one response in five from paper',
        'peak memory: the highest resident set size of the whole benchmark process so far (getrusage maxRSS)',
      ],
    };
  },
});
