import { AGE_BANDS, CASE_STATUSES, CASE_TRIGGERS } from './cases.js';
import { CLOSE_OUTCOMES, REFERRALS } from './handoff/handoff.js';
import { RISK_LEVELS, type RiskLevel } from '../flows/scoring.js';
import { wallClock } from '../shared/zone.js';
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
export const SUPPRESSED = '<5';
/** Fewer claimed cases than this and the claim times are not reported. */
export const SMALLEST_SHOWN = 5;

/**
 * What a count is replaced with when it is shown could, with the total, give away a
 * suppressed one (the one other count left in a dimension): secondary suppression.
 */
export const WITHHELD = 'x';

/** A number of cases: 0 or at least 5 as it is, 1 to 4 as "<5", or "x" when withheld to protect a "<5". */
export type Count = number | typeof SUPPRESSED | typeof WITHHELD;
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

const count = (n: number): Count => (n >= 1 && n < SMALLEST_SHOWN ? SUPPRESSED : n);

/** Known values first, in their own order and shown even at 0; any other value after them, alphabetically. */
function tally(values: string[], known: readonly string[] = []): Tally {
  const counts = new Map<string, number>(known.map((value) => [value, 0]));
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const others = [...counts.keys()].filter((value) => !known.includes(value)).sort();
  const order = [...known, ...others];
  const shown: Tally = Object.fromEntries(order.map((value) => [value, count(counts.get(value) ?? 0)]));
  return withhold(shown, order.map((value) => counts.get(value) ?? 0), values.length);
}

/**
 * With the total shown, a single "<5" in a dimension equals the total minus the
 * other counts; the smallest other non-zero count is withheld too, so that neither
 * can be worked out.
 */
function withhold(shown: Tally, raw: number[], total: number): Tally {
  const keys = Object.keys(shown);
  const suppressed = keys.filter((key) => shown[key] === SUPPRESSED);
  if (count(total) === SUPPRESSED || suppressed.length !== 1) return shown;
  const candidates = keys.map((key, index) => ({ key, n: raw[index] ?? 0 })).filter(({ key, n }) => n > 0 && shown[key] !== SUPPRESSED);
  const smallest = candidates.sort((a, b) => a.n - b.n)[0];
  return smallest ? { ...shown, [smallest.key]: WITHHELD } : shown;
}

/** The q-quantile of sorted values, interpolating between neighbours (as spreadsheets' PERCENTILE does). */
function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = sorted[Math.floor(position)] ?? 0;
  const above = sorted[Math.ceil(position)] ?? below;
  return below + (above - below) * (position - Math.floor(position));
}

const tenths = (value: number) => Math.round(value * 10) / 10;

function pair(claimed: number, notClaimed: number): { claimed: Count; notClaimed: Count } {
  const shown = withhold({ claimed: count(claimed), notClaimed: count(notClaimed) }, [claimed, notClaimed], claimed + notClaimed);
  return { claimed: shown.claimed ?? 0, notClaimed: shown.notClaimed ?? 0 };
}

/** Anonymous counts of one month's cases, with small counts suppressed. `cases` are that month's. */
export function helplineStats(cases: StatsCase[], options: { month: string; targets: ClaimTargets }): HelplineStats {
  const claimed = cases.flatMap((c) => (c.claimedAt ? [{ level: c.level, ms: Math.max(0, c.claimedAt.getTime() - c.createdAt.getTime()) }] : []));
  const minutes = claimed.map((c) => c.ms / 60_000).sort((a, b) => a - b);
  const within = claimed.filter((c) => c.ms <= targetMs(options.targets, c.level)).length;
  const enough = claimed.length >= SMALLEST_SHOWN;
  return {
    month: options.month,
    total: count(cases.length),
    by: {
      level: tally(cases.map((c) => c.level), RISK_LEVELS),
      language: tally(cases.map((c) => c.language)),
      source: tally(cases.map((c) => c.source ?? 'direct')),
      trigger: tally(cases.map((c) => c.trigger), CASE_TRIGGERS),
      ageBand: tally(cases.map((c) => c.ageBand), AGE_BANDS),
      status: tally(cases.map((c) => c.status), CASE_STATUSES),
      outcome: tally(cases.map((c) => c.outcome ?? 'none'), [...CLOSE_OUTCOMES, 'none']),
      referral: tally(cases.map((c) => c.referral ?? 'none'), [...REFERRALS, 'none']),
    },
    claim: {
      // Claimed and not claimed add up to the total: one "<5" withholds the other.
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

/** The report as a committee reads it in a terminal. */
export function renderStatsText(stats: HelplineStats): string {
  const row = (label: string, value: Count | string, indent = '  ') => `${indent}${label.padEnd(24 - indent.length)} ${String(value).padStart(6)}`;
  const measured = (label: string, value: number | null, shown: (value: number) => string) =>
    value === null ? `  ${label.padEnd(22)} not reported (fewer than ${SMALLEST_SHOWN} claimed)` : row(label, shown(value));
  const { claim } = stats;
  const lines = [`Helpline cases, ${stats.month}`, `Counts from 1 to 4 are shown as ${SUPPRESSED}; ${WITHHELD} marks a count withheld so that a ${SUPPRESSED} cannot be worked out from the total.`, '', row('Cases', stats.total, '')];
  for (const { key, title } of DIMENSIONS) {
    const entries = Object.entries(stats.by[key]);
    lines.push('', title, ...(entries.length ? entries.map(([value, n]) => row(value, n)) : ['  (none)']));
  }
  lines.push(
    '',
    'Time to claim',
    row('claimed', claim.claimed),
    row('not claimed', claim.notClaimed),
    measured('median', claim.medianMinutes, (minutes) => `${minutes.toFixed(1)} min`),
    measured('90th percentile', claim.p90Minutes, (minutes) => `${minutes.toFixed(1)} min`),
    measured('within target', claim.withinTargetPercent, (percent) => `${percent}%`),
    `  targets in minutes: ${targetsText(claim.targets)}`,
  );
  return lines.join('\n');
}

/** One field of RFC 4180 CSV: quoted when it holds a comma, a quote or a line break. */
export const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * The report as RFC 4180 CSV (dimension,value,count; CRLF line ends). The first
 * row after the header is the month and its number of cases; claim times and the
 * within-target share are rows of dimension "claim", empty when not reported.
 */
export function renderStatsCsv(stats: HelplineStats): string {
  const rows: [string, string, string][] = [['month', stats.month, String(stats.total)]];
  for (const { key, csv } of DIMENSIONS) {
    for (const [value, n] of Object.entries(stats.by[key])) rows.push([csv, value, String(n)]);
  }
  const optional = (value: number | null) => (value === null ? '' : String(value));
  rows.push(
    ['claim', 'claimed', String(stats.claim.claimed)],
    ['claim', 'not_claimed', String(stats.claim.notClaimed)],
    ['claim', 'median_minutes', optional(stats.claim.medianMinutes)],
    ['claim', 'p90_minutes', optional(stats.claim.p90Minutes)],
    ['claim', 'within_target_percent', optional(stats.claim.withinTargetPercent)],
  );
  return [['dimension', 'value', 'count'], ...rows].map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

// Month boundaries in the deployment time zone, with Intl only.

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetMs(at: number, timeZone: string): number {
  const p = wallClock(new Date(at), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/** The instant the first day of a month begins in the zone; `month` 13 is January of the next year. */
function monthStart(year: number, month: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, 1);
  // A first guess from the offset at the wall time, corrected by the offset at the guess (around a DST change).
  const guess = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(guess, timeZone));
}

/** The month (YYYY-MM) an instant falls in, in the zone. */
export function monthOf(at: Date, timeZone: string): string {
  const { year, month } = wallClock(at, timeZone);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Reads YYYY-MM and gives the month's [from, to) instants in the zone, or a problem line. */
export function parseMonth(text: string, timeZone: string): { month: string; from: Date; to: Date } | { problem: string } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text.trim());
  const year = Number(match?.[1]);
  if (!match || year < 1970) return { problem: `"${text}" is not a month; expected YYYY-MM with a month from 01 to 12, such as 2026-11` };
  const month = Number(match[2]);
  return { month: `${match[1]}-${match[2]}`, from: monthStart(year, month, timeZone), to: monthStart(year, month + 1, timeZone) };
}
