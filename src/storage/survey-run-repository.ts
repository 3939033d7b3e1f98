import { TOKEN_STATUSES, type SurveyRunStore, type TokenStatus } from '../surveys/run-store.js';
import type { UraPrisma, UraTx } from './database.js';
import { insertOutbox } from './outbox-repository.js';
import { isUniqueViolation } from './prisma-errors.js';
import { storedOneOf } from './stored-values.js';
import { toRun } from './survey-rows.js';

const RANK: Record<TokenStatus, number> = { invited: 0, started: 1, completed: 2 };
const NOT_CLOSED = { closedAt: null };

/** Tokens of a run that already exist, by token. */
async function storedTokens(tx: UraTx | UraPrisma, runId: string, tokens: readonly string[]): Promise<Map<string, TokenStatus>> {
  if (tokens.length === 0) return new Map();
  const rows = await tx.surveyToken.findMany({ where: { runId, token: { in: [...tokens] } } });
  return new Map(rows.map((row) => [row.token, storedOneOf(TOKEN_STATUSES, row.status, 'completed')]));
}

/** Runs' delivery and closing, each a conditional update in one transaction with what it queues; tokens apart from responses. */
export function createSurveyRunRepository(prisma: UraPrisma): SurveyRunStore {
  return {
    async run(id) {
      const row = await prisma.surveyRun.findUnique({ where: { id } });
      return row ? toRun(row) : undefined;
    },
    async runByCode(code) {
      const row = await prisma.surveyRun.findUnique({ where: { code } });
      return row ? toRun(row) : undefined;
    },
    runs: async (scope) => (await prisma.surveyRun.findMany({ where: { standing: null, ...(scope === undefined ? {} : { scope }) }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] })).map(toRun),
    async openRuns(now) {
      const rows = await prisma.surveyRun.findMany({ where: { standing: null, closedAt: null, OR: [{ closesAt: null }, { closesAt: { gt: now } }] }, orderBy: { createdAt: 'asc' } });
      return rows.map(toRun);
    },
    async due(now) {
      const [sends, reminders, closings] = await Promise.all([
        prisma.surveyRun.findMany({ where: { ...NOT_CLOSED, sentAt: null, sendAt: { lte: now } } }),
        prisma.surveyRun.findMany({ where: { ...NOT_CLOSED, remindedAt: null, remindAt: { lte: now } } }),
        prisma.surveyRun.findMany({ where: { ...NOT_CLOSED, closesAt: { lte: now } } }),
      ]);
      return { sends: sends.map(toRun), reminders: reminders.map(toRun), closings: closings.map(toRun) };
    },
    markSent: ({ runId, at, remindAt, tokens, outgoing }) =>
      prisma.$transaction(async (tx) => {
        const { count } = await tx.surveyRun.updateMany({ where: { id: runId, ...NOT_CLOSED, sentAt: null }, data: { sentAt: at, remindAt } });
        if (count !== 1) return false;
        const known = await storedTokens(tx, runId, tokens);
        const fresh = [...new Set(tokens)].filter((token) => !known.has(token));
        if (fresh.length > 0) await tx.surveyToken.createMany({ data: fresh.map((token) => ({ runId, token, status: 'invited' })) });
        await insertOutbox(tx, [...outgoing]);
        return true;
      }),
    markReminded: ({ runId, at, outgoing }) =>
      prisma.$transaction(async (tx) => {
        const { count } = await tx.surveyRun.updateMany({ where: { id: runId, ...NOT_CLOSED, remindedAt: null }, data: { remindedAt: at } });
        if (count !== 1) return false;
        await insertOutbox(tx, [...outgoing]);
        return true;
      }),
    close: (runId, at) =>
      prisma.$transaction(async (tx) => {
        const run = await tx.surveyRun.findUnique({ where: { id: runId } });
        const closesAt = run?.closesAt && run.closesAt < at ? run.closesAt : at;
        const { count } = await tx.surveyRun.updateMany({ where: { id: runId, ...NOT_CLOSED }, data: { closedAt: at, closesAt } });
        if (count !== 1) return false;
        // Answers kept, key removed: the unfinished response no longer leads to anyone.
        await tx.surveyResponse.updateMany({ where: { runId, status: 'active' }, data: { status: 'abandoned', respondentKey: null, updatedAt: at } });
        return true;
      }),
    tokenStatuses: (runId, tokens) => storedTokens(prisma, runId, tokens),
    async raiseToken(runId, token, status) {
      const below = TOKEN_STATUSES.filter((candidate) => RANK[candidate] < RANK[status]);
      const { count } = await prisma.surveyToken.updateMany({ where: { runId, token, status: { in: below } }, data: { status } });
      if (count > 0) return;
      // None below: either stored at or above it already, or not stored (opened by the link without an invitation).
      try {
        await prisma.surveyToken.create({ data: { runId, token, status } });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await prisma.surveyToken.updateMany({ where: { runId, token, status: { in: below } }, data: { status } });
      }
    },
    async counts(runId) {
      const groups = await prisma.surveyToken.groupBy({ by: ['status'], where: { runId }, _count: { _all: true } });
      const of = (status: TokenStatus) => groups.find((group) => group.status === status)?._count._all ?? 0;
      return { invited: of('invited') + of('started') + of('completed'), started: of('started') + of('completed'), completed: of('completed') };
    },
  };
}
