import { AGE_BANDS, CASE_STATUSES, CASE_TRIGGERS } from './cases.js';
import { CLOSE_OUTCOMES, REFERRALS } from './handoff/handoff.js';
import { RISK_LEVELS, type RiskLevel } from '../flows/scoring.js';
import {
  DEFAULT_THRESHOLD,
  quantile,
  renderReportText,
  suppressCount,
  suppressDimension,
  suppressedMark,
  toCsv,
  WITHHELD,
  type Column,
  type Count,
  type CsvValue,
  type Table,
} from '../reports/index.js';
import { targetMs, type ClaimTargets } from './handoff/targets.js';

/** The columns of a case that the monthly counts read: nothing that could identify a person. */
export interface StatsCase {
  level: RiskLevel;
  language: string;
  /** Campaign source, or none when the person came to the bot directly. */
  source: string | null;
  status: string;
  trigger: string;
  ageBand: string;
  createdAt: Date;
  claimedAt: Date | null;
  outcome: string | null;
  referral: string | null;
}

/** What a count from 1 to 4 is replaced with, in text, CSV and JSON alike. */
const SUPPRESSED = suppressedMark(DEFAULT_THRESHOLD);
/** Fewer claimed cases than this and the claim times are not reported: the same bar as for a count. */
const SMALLEST_SHOWN = DEFAULT_THRESHOLD;

/** Cases per value of one dimension, in reading order. */
export type Tally = Record<string, Count>;

export interface HelplineStats {
  /** YYYY-MM, in the deployment time zone. */
  month: string;
  total: Count;
  by: {
    level: Tally;
    language: Tally;
    /** "direct" for cases without a campaign source. */
    source: Tally;
    trigger: Tally;
    ageBand: Tally;
    status: Tally;
    /** "none" for cases not closed yet. */
    outcome: Tally;
    /** "none" for cases without a referral. */
    referral: Tally;
  };
  claim: {
    claimed: Count;
    /** Cases no operator has taken by the time of the report, whatever their status. */
    notClaimed: Count;
    /** Minutes from the case being opened to an operator taking it; null when fewer than 5 were claimed. */
    medianMinutes: number | null;
    p90Minutes: number | null;
    /** Share of claimed cases taken within their level's target, in whole percent; null when fewer than 5 were claimed. */
    withinTargetPercent: number | null;
    targets: ClaimTargets;
  };
}

/** Known values first, in their own order and shown even at 0; any other value after them, alphabetically. */
function tally(values: string[], known: readonly string[] = []): Tally {
  const counts = new Map<string, number>(known.map((value) => [value, 0]));
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const others = [...counts.keys()].filter((value) => !known.includes(value)).sort();
  // The total is shown: one "<5" in a dimension withholds its smallest other count.
  return Object.fromEntries(suppressDimension([...known, ...others].map((value) => [value, counts.get(value) ?? 0])));
}

const tenths = (value: number) => Math.round(value * 10) / 10;

/** Claimed and not claimed add up to the total: a dimension of their own. */
function pair(claimed: number, notClaimed: number): { claimed: Count; notClaimed: Count } {
  const shown = new Map(
    suppressDimension([
      ['claimed', claimed],
      ['notClaimed', notClaimed],
    ]),
  );
  return { claimed: shown.get('claimed') ?? 0, notClaimed: shown.get('notClaimed') ?? 0 };
}

/** Anonymous counts of one month's cases, with small counts suppressed. `cases` are that month's. */
export function helplineStats(cases: StatsCase[], options: { month: string; targets: ClaimTargets }): HelplineStats {
  const claimed = cases.flatMap((c) => (c.claimedAt ? [{ level: c.level, ms: Math.max(0, c.claimedAt.getTime() - c.createdAt.getTime()) }] : []));
  const minutes = claimed.map((c) => c.ms / 60_000).sort((a, b) => a - b);
  const within = claimed.filter((c) => c.ms <= targetMs(options.targets, c.level)).length;
  const enough = claimed.length >= SMALLEST_SHOWN;
  return {
    month: options.month,
    total: suppressCount(cases.length),
    by: {
      level: tally(
        cases.map((c) => c.level),
        RISK_LEVELS,
      ),
      language: tally(cases.map((c) => c.language)),
      source: tally(cases.map((c) => c.source ?? 'direct')),
      trigger: tally(
        cases.map((c) => c.trigger),
        CASE_TRIGGERS,
      ),
      ageBand: tally(
        cases.map((c) => c.ageBand),
        AGE_BANDS,
      ),
      status: tally(
        cases.map((c) => c.status),
        CASE_STATUSES,
      ),
      outcome: tally(
        cases.map((c) => c.outcome ?? 'none'),
        [...CLOSE_OUTCOMES, 'none'],
      ),
      referral: tally(
        cases.map((c) => c.referral ?? 'none'),
        [...REFERRALS, 'none'],
      ),
    },
    claim: {
      // One "<5" of the two withholds the other.
      ...pair(claimed.length, cases.length - claimed.length),
      medianMinutes: enough ? tenths(quantile(minutes, 0.5)) : null,
      p90Minutes: enough ? tenths(quantile(minutes, 0.9)) : null,
      withinTargetPercent: enough ? Math.round((100 * within) / claimed.length) : null,
      targets: { ...options.targets },
    },
  };
}

const DIMENSIONS: { key: keyof HelplineStats['by']; title: string; csv: string }[] = [
  { key: 'level', title: 'Risk level', csv: 'level' },
  { key: 'language', title: 'Language', csv: 'language' },
  { key: 'source', title: 'Source', csv: 'source' },
  { key: 'trigger', title: 'How the case started', csv: 'trigger' },
  { key: 'ageBand', title: 'Age band', csv: 'age_band' },
  { key: 'status', title: 'Status', csv: 'status' },
  { key: 'outcome', title: 'Outcome', csv: 'outcome' },
  { key: 'referral', title: 'Referred to', csv: 'referral' },
];

const targetsText = (targets: ClaimTargets) => RISK_LEVELS.map((level) => `${level} ${targets[level]}`).join(', ');

/** The value, then its count right-aligned; the total's line is as wide, without the indent. */
const LABEL: Column = { width: 22 };
const COUNT: Column = { align: 'right', width: 6 };

/** The report as a committee reads it in a terminal. */
export function renderStatsText(stats: HelplineStats): string {
  const { claim } = stats;
  const measured = (label: string, value: number | null, shown: (value: number) => string) => [label, value === null ? `not reported (fewer than ${SMALLEST_SHOWN} claimed)` : shown(value)];
  const minutes = (value: number) => `${value.toFixed(1)} min`;
  const tables: Table[] = [
    { columns: [{ width: 24 }, COUNT], rows: [['Cases', stats.total]] },
    ...DIMENSIONS.map(({ key, title }): Table => ({ title, columns: [LABEL, COUNT], rows: Object.entries(stats.by[key]) })),
    {
      title: 'Time to claim',
      columns: [LABEL, COUNT],
      rows: [
        ['claimed', claim.claimed],
        ['not claimed', claim.notClaimed],
        measured('median', claim.medianMinutes, minutes),
        measured('90th percentile', claim.p90Minutes, minutes),
        measured('within target', claim.withinTargetPercent, (percent) => `${percent}%`),
      ],
      notes: [`targets in minutes: ${targetsText(claim.targets)}`],
    },
  ];
  return renderReportText({
    title: `Helpline cases, ${stats.month}`,
    notes: [`Counts from 1 to 4 are shown as ${SUPPRESSED}; ${WITHHELD} marks a count withheld so that a ${SUPPRESSED} cannot be worked out from the total.`],
    tables,
  });
}

/**
 * The report as RFC 4180 CSV (dimension,value,count; CRLF line ends). The first
 * row after the header is the month and its number of cases; claim times and the
 * within-target share are rows of dimension "claim", empty when not reported.
 */
export function renderStatsCsv(stats: HelplineStats): string {
  const rows: CsvValue[][] = [
    ['dimension', 'value', 'count'],
    ['month', stats.month, stats.total],
  ];
  for (const { key, csv } of DIMENSIONS) {
    for (const [value, n] of Object.entries(stats.by[key])) rows.push([csv, value, n]);
  }
  rows.push(
    ['claim', 'claimed', stats.claim.claimed],
    ['claim', 'not_claimed', stats.claim.notClaimed],
    ['claim', 'median_minutes', stats.claim.medianMinutes],
    ['claim', 'p90_minutes', stats.claim.p90Minutes],
    ['claim', 'within_target_percent', stats.claim.withinTargetPercent],
  );
  return toCsv(rows);
}
