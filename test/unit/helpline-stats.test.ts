import { describe, expect, it } from 'vitest';
import { helplineStats, renderStatsCsv, renderStatsText, type StatsCase } from '../../src/helpline/stats.js';
import { DEFAULT_CLAIM_TARGETS } from '../../src/helpline/handoff/targets.js';

const opened = new Date('2026-11-10T09:00:00Z');
const kase = (extra: Partial<StatsCase> = {}): StatsCase => ({
  level: 'INFO',
  language: 'sq',
  source: null,
  status: 'pending',
  trigger: 'request',
  ageBand: 'adult',
  createdAt: opened,
  claimedAt: null,
  outcome: null,
  referral: null,
  ...extra,
});
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
/** A case claimed the given number of minutes after it was opened. */
const claimedAfter = (minutes: number, extra: Partial<StatsCase> = {}) => kase({ status: 'active', claimedAt: new Date(opened.getTime() + minutes * 60_000), ...extra });
const stats = (cases: StatsCase[], targets = DEFAULT_CLAIM_TARGETS) => helplineStats(cases, { month: '2026-11', targets });

describe('helpline stats', () => {
  it('counts each dimension, lists known values even at 0, and calls cases without a source direct', () => {
    const result = stats([
      ...times(6, () => kase()),
      ...times(5, () => kase({ language: 'en', source: 'poster_fier', level: 'HIGH', status: 'closed', outcome: 'referred', referral: 'police' })),
      kase({ language: 'it', trigger: 'urgent', ageBand: 'child', level: 'URGENT' }),
    ]);
    expect(result.total).toBe(12);
    // One "<5" with the total shown: the smallest other count is withheld, or 12 - 6 - 5 would give it away.
    expect(Object.entries(result.by.level)).toEqual([
      ['INFO', 6],
      ['CONCERN', 0],
      ['HIGH', 'x'],
      ['URGENT', '<5'],
    ]);
    expect(Object.entries(result.by.language)).toEqual([
      ['en', 'x'],
      ['it', '<5'],
      ['sq', 6],
    ]);
    expect(result.by.source).toEqual({ direct: 7, poster_fier: 5 });
    expect(Object.entries(result.by.trigger)).toEqual([
      ['request', 'x'],
      ['urgent', '<5'],
      ['consent', 0],
    ]);
    expect(Object.entries(result.by.ageBand)).toEqual([
      ['child', '<5'],
      ['adult', 'x'],
      ['unknown', 0],
    ]);
    expect(Object.entries(result.by.status)).toEqual([
      ['pending', 7],
      ['active', 0],
      ['closed', 5],
    ]);
    expect(result.by.outcome).toEqual({ referred: 5, information: 0, no_contact: 0, not_relevant: 0, other: 0, none: 7 });
    expect(result.by.referral).toEqual({
      police: 5,
      child_protection: 0,
      shelter: 0,
      legal_aid: 0,
      health: 0,
      labour_inspectorate: 0,
      hotline_116006: 0,
      information_only: 0,
      other: 0,
      none: 7,
    });
  });

  it.each([
    [0, 0],
    [1, '<5'],
    [4, '<5'],
    [5, 5],
    [6, 6],
  ])('reports %i case(s) as %s', (n, shown) => {
    const result = stats(times(n, () => kase()));
    expect(result.total).toBe(shown);
    expect(result.by.language).toEqual(n === 0 ? {} : { sq: shown });
  });

  it('withholds nothing more where two counts are hidden already, or the total is', () => {
    const two = stats([...times(6, () => kase()), kase({ language: 'en' }), kase({ language: 'it' })]);
    expect(two.by.language).toEqual({ en: '<5', it: '<5', sq: 6 });
    expect(stats(times(3, () => kase())).by.language).toEqual({ sq: '<5' });
  });

  it('keeps the suppression in JSON as the string "<5"', () => {
    expect(JSON.parse(JSON.stringify(stats(times(3, () => kase()))))).toMatchObject({ total: '<5', by: { level: { INFO: '<5', HIGH: 0 } } });
  });

  it('does not report claim times or the within-target share when fewer than 5 cases were claimed', () => {
    const result = stats([...times(4, (i) => claimedAfter(i + 1)), ...times(5, () => kase())]);
    expect(result.claim).toMatchObject({ claimed: '<5', notClaimed: 'x', medianMinutes: null, p90Minutes: null, withinTargetPercent: null });
  });

  it('gives the median and the 90th percentile of the time to claim, interpolating between cases', () => {
    expect(stats([...times(10, (i) => claimedAfter(i + 1)), kase(), kase()]).claim).toMatchObject({ claimed: 'x', notClaimed: '<5', medianMinutes: 5.5, p90Minutes: 9.1 });
    expect(stats([1, 2, 3, 4, 10].map((minutes) => claimedAfter(minutes))).claim).toMatchObject({ medianMinutes: 3, p90Minutes: 7.6 });
    expect(stats(times(5, () => claimedAfter(1.5))).claim).toMatchObject({ medianMinutes: 1.5, p90Minutes: 1.5 });
  });

  it("counts a case as claimed within target when it was taken within its level's minutes, the limit included", () => {
    const cases = [
      claimedAfter(2, { level: 'URGENT' }),
      claimedAfter(3, { level: 'URGENT' }),
      claimedAfter(10, { level: 'HIGH' }),
      claimedAfter(11, { level: 'HIGH' }),
      claimedAfter(45, { level: 'INFO' }),
      claimedAfter(61, { level: 'CONCERN' }),
    ];
    expect(stats(cases).claim.withinTargetPercent).toBe(50);
    expect(stats(cases, { ...DEFAULT_CLAIM_TARGETS, URGENT: 5 }).claim).toMatchObject({ withinTargetPercent: 67, targets: { URGENT: 5 } });
  });
});

describe('stats output', () => {
  const cases = [...times(10, (i) => claimedAfter(i + 1, { level: 'HIGH' })), kase({ level: 'URGENT', source: 'poster,"fier"' })];

  it('prints CSV per RFC 4180: a header, quoted fields where needed, CRLF line ends', () => {
    const csv = renderStatsCsv(stats(cases));
    expect(csv.startsWith('dimension,value,count\r\nmonth,2026-11,11\r\nlevel,INFO,0\r\n')).toBe(true);
    expect(csv).toContain('\r\nsource,"poster,""fier""",<5\r\n');
    expect(csv).toContain('\r\nclaim,median_minutes,5.5\r\nclaim,p90_minutes,9.1\r\nclaim,within_target_percent,100\r\n');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(renderStatsCsv(stats([kase({ language: 'a\nb' })]))).toContain('\r\nlanguage,"a\nb",<5\r\nsource,');
    expect(renderStatsCsv(stats([kase()]))).toContain('\r\nclaim,median_minutes,\r\n');
  });

  it('writes a stored value a spreadsheet would run as a formula as text (the bot never stores one: sources are [a-z0-9_])', () => {
    const csv = renderStatsCsv(stats([kase({ source: '=HYPERLINK("x")' }), kase({ language: '-1+1' })]));
    expect(csv).toContain('\r\nsource,"\'=HYPERLINK(""x"")",<5\r\n');
    expect(csv).toContain("\r\nlanguage,'-1+1,<5\r\n");
  });

  it('prints text a committee can read, with <5 for small counts', () => {
    const text = renderStatsText(stats(cases));
    expect(text).toMatch(/^Helpline cases, 2026-11$/m);
    expect(text).toMatch(/^Cases +11$/m);
    expect(text).toMatch(/^ {2}HIGH +x$/m);
    expect(text).toMatch(/^ {2}URGENT +<5$/m);
    expect(text).toMatch(/^ {2}median +5\.5 min$/m);
    expect(text).toMatch(/^ {2}within target +100%$/m);
    expect(renderStatsText(stats([claimedAfter(3)]))).toMatch(/^ {2}median +not reported \(fewer than 5 claimed\)$/m);
  });
});
