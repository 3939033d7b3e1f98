import { answerSchema, flowStateSchema } from '../flows/state.js';
import { RESPONSE_SOURCES, RESPONSE_STATUSES, type SurveyResponse, type SurveyStore } from '../surveys/model.js';
import type { RespondentKey } from '../surveys/respondent.js';
import type { SurveyRetentionStore } from '../surveys/retention.js';
import { z } from 'zod';
import type { Database, UraPrisma, UraTx } from './database.js';
import { isUniqueViolation } from './prisma-errors.js';
import { storedOneOf } from './stored-values.js';
import { parsedJson } from './event-json.js';
import { runRow, toRun } from './survey-rows.js';

type ResponseRow = Awaited<ReturnType<UraPrisma['surveyResponse']['findUniqueOrThrow']>>;

const answersSchema = z.record(z.string(), answerSchema);
const askedSchema = z.array(z.string()).nullable();

/** A row whose state or answers cannot be read is never half-used: it reads as no response. */
function toResponse(row: ResponseRow): SurveyResponse | undefined {
  const state = flowStateSchema.safeParse(parsedJson(row.state));
  const answers = answersSchema.safeParse(parsedJson(row.answers));
  const asked = askedSchema.safeParse(row.asked === null ? null : parsedJson(row.asked));
  if (!state.success || !answers.success || !asked.success) return undefined;
  return {
    id: row.id,
    runId: row.runId,
    respondentKey: row.respondentKey,
    flowId: state.data.flowId,
    flowVersion: state.data.flowVersion,
    language: row.language,
    state: state.data,
    status: storedOneOf(RESPONSE_STATUSES, row.status, 'abandoned'),
    answers: answers.data,
    outcome: row.outcome,
    source: storedOneOf(RESPONSE_SOURCES, row.source, 'chat'),
    paperRef: row.paperRef,
    asked: asked.data,
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
    completedAt: row.completedAt,
    profile: row.orgType === null && row.region === null ? null : { orgType: row.orgType, region: row.region },
  };
}

const responseRow = (r: SurveyResponse) => ({
  runId: r.runId,
  respondentKey: r.respondentKey,
  language: r.language,
  state: JSON.stringify(r.state),
  status: r.status,
  answers: JSON.stringify(r.answers),
  outcome: r.outcome,
  source: r.source,
  paperRef: r.paperRef,
  asked: r.asked === null ? null : JSON.stringify(r.asked),
  startedAt: r.startedAt,
  updatedAt: r.updatedAt,
  completedAt: r.completedAt,
  orgType: r.profile?.orgType ?? null,
  region: r.profile?.region ?? null,
});

export function createSurveyRepository(prisma: UraPrisma): SurveyStore {
  return {
    async standingRun(standing) {
      const row = await prisma.surveyRun.findUnique({ where: { standing } });
      return row ? toRun(row) : undefined;
    },
    async createRun(run) {
      try {
        await prisma.surveyRun.create({ data: runRow(run) });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async run(id) {
      const row = await prisma.surveyRun.findUnique({ where: { id } });
      return row ? toRun(row) : undefined;
    },
    async runsInProgress(keys) {
      if (keys.length === 0) return new Set();
      const rows = await prisma.surveyResponse.findMany({ where: { status: 'active', OR: keys.map(({ runId, respondentKey }) => ({ runId, respondentKey })) }, select: { runId: true } });
      return new Set(rows.map((row) => row.runId));
    },
    async inProgress(runId, respondentKey) {
      const row = await prisma.surveyResponse.findFirst({ where: { runId, respondentKey, status: 'active' } });
      return row ? toResponse(row) : undefined;
    },
    // The runner abandons a respondent's response before starting another; a start that
    // races it (two updates of one person at once) ends the older one here, in the same transaction.
    createResponse: (r) =>
      prisma.$transaction(async (tx) => {
        if (r.respondentKey !== null)
          await tx.surveyResponse.updateMany({ where: { runId: r.runId, respondentKey: r.respondentKey }, data: { status: 'abandoned', respondentKey: null, updatedAt: r.startedAt } });
        await tx.surveyResponse.create({ data: { id: r.id, ...responseRow(r) } });
      }),
    saveResponse: async (r) => void (await prisma.surveyResponse.update({ where: { id: r.id }, data: responseRow(r) })),
    async responses(runId, status = 'completed') {
      const rows = await prisma.surveyResponse.findMany({ where: { runId, status }, orderBy: [{ startedAt: 'asc' }, { id: 'asc' }] });
      return rows.flatMap((row) => toResponse(row) ?? []);
    },
    async scopedRun(flowId, scope) {
      const row = await prisma.surveyRun.findFirst({ where: { flowId, scope }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      return row ? toRun(row) : undefined;
    },
    async scopedRuns(flowId, scope) {
      const rows = await prisma.surveyRun.findMany({ where: { flowId, scope }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      return rows.map(toRun);
    },
    async paperRefsTaken(runId, refs) {
      if (refs.length === 0) return [];
      const rows = await prisma.surveyResponse.findMany({ where: { runId, paperRef: { in: [...refs] } }, select: { paperRef: true } });
      return rows.flatMap((row) => row.paperRef ?? []);
    },
    async addPaperResponses(responses, newRun) {
      try {
        await prisma.$transaction(async (tx) => {
          if (newRun) await tx.surveyRun.create({ data: runRow(newRun) });
          await tx.surveyResponse.createMany({ data: responses.map((r) => ({ id: r.id, ...responseRow(r) })) });
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}

/**
 * /delete: a subject's responses still in progress lead to them (their key is derived
 * from the subject), so they go with everything else; finished ones name nobody and stay.
 * Keys are scoped to runs: those of the runs with a response in progress are derived.
 */
export async function deleteResponsesInProgress(tx: UraTx, subject: string, respondentKey: RespondentKey): Promise<number> {
  const runs = await tx.surveyResponse.findMany({ where: { status: 'active' }, select: { runId: true }, distinct: ['runId'] });
  if (runs.length === 0) return 0;
  const keys = runs.map(({ runId }) => respondentKey(runId, subject));
  return (await tx.surveyResponse.deleteMany({ where: { status: 'active', respondentKey: { in: keys } } })).count;
}

/** Responses whose coding is deleted per statement: well under SQLite's limit of bound values. */
const CODING_BATCH = 500;

export function createSurveyRetentionRepository(database: Pick<Database, 'prisma' | 'scrub'>): SurveyRetentionStore {
  return {
    async purge({ staleBefore, before }) {
      const result = await database.prisma.$transaction(async (tx) => {
        // Their time of last activity stays: the surveys' retention counts from it.
        const abandoned = (await tx.surveyResponse.updateMany({ where: { status: 'active', updatedAt: { lt: staleBefore } }, data: { status: 'abandoned', respondentKey: null } })).count;
        // Their coding goes with them: the quotes hold words of the answers.
        const gone = await tx.surveyResponse.findMany({ where: { updatedAt: { lt: before } }, select: { id: true } });
        for (let start = 0; start < gone.length; start += CODING_BATCH) {
          const where = { responseId: { in: gone.slice(start, start + CODING_BATCH).map((response) => response.id) } };
          await tx.codingDecision.deleteMany({ where });
          await tx.codingResolution.deleteMany({ where });
          await tx.codingQuote.deleteMany({ where });
        }
        const responses = (await tx.surveyResponse.deleteMany({ where: { updatedAt: { lt: before } } })).count;
        return { abandoned, responses };
      });
      await database.scrub();
      return result;
    },
  };
}
