import { RISK_LEVELS } from '../flows/scoring.js';
import type { StatsCase } from '../helpline/stats.js';
import type { UraPrisma } from './database.js';
import { storedOneOf } from './stored-values.js';

/** The cases opened in [from, to), with only the columns the monthly counts read. */
export async function loadStatsCases(prisma: UraPrisma, from: Date, to: Date): Promise<StatsCase[]> {
  const rows = await prisma.helpCase.findMany({
    where: { createdAt: { gte: from, lt: to } },
    select: { level: true, language: true, source: true, status: true, trigger: true, ageBand: true, createdAt: true, claimedAt: true, outcome: true, referral: true },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((row) => ({ ...row, level: storedOneOf(RISK_LEVELS, row.level, 'INFO') }));
}
