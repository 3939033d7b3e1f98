import { z } from 'zod';
import { answerSchema } from '../flows/state.js';
import type { CodedResponse, CodingStore, CodingTarget } from '../surveys/index.js';
import type { UraPrisma } from './database.js';
import { storedJson } from './event-json.js';

/** Responses that ended (completed, or left unfinished and so keyless): what coding reads. A response in progress is not coded yet. */
const FINISHED = ['completed', 'abandoned'];
const answersSchema = z.record(z.string(), answerSchema);

const answersOf = (text: string) => {
  try {
    return answersSchema.safeParse(JSON.parse(text)).data ?? {};
  } catch {
    return {};
  }
};

/** The store of survey coding: codebooks, coders' decisions, resolutions and quotes, keyed by response and item. */
export function createCodingRepository(prisma: UraPrisma): CodingStore {
  async function withRuns(rows: { id: string; runId: string; answers: string }[]): Promise<CodedResponse[]> {
    const runs = await prisma.surveyRun.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.runId))] } } });
    const runOf = new Map(runs.map((run) => [run.id, run]));
    return rows.flatMap((row) => {
      const run = runOf.get(row.runId);
      return run ? [{ id: row.id, runId: row.runId, formId: run.flowId, eventId: run.scope, answers: answersOf(row.answers) }] : [];
    });
  }

  const runFilter = (target: CodingTarget) => ({
    flowId: target.formId,
    ...(target.eventId === undefined ? {} : { scope: target.eventId }),
    ...(target.runId === undefined ? {} : { id: target.runId }),
    ...(target.runIds === undefined ? {} : { id: { in: [...target.runIds] } }),
  });
  const ofAnswers = (responseIds: readonly string[]) => ({ responseId: { in: [...responseIds] } });
  const themesOf = (text: string) => storedJson.strings(text);

  return {
    async themes({ formId, eventId }) {
      const rows = await prisma.codingTheme.findMany({ where: { formId, eventId: eventId ?? '' }, orderBy: { position: 'asc' } });
      return rows.map((row) => ({ code: row.code, labels: storedJson.texts(row.labels), definitions: storedJson.texts(row.definitions), keywords: storedJson.stringsByKey(row.keywords) }));
    },
    replaceThemes: ({ formId, eventId }, themes) =>
      prisma.$transaction(async (tx) => {
        await tx.codingTheme.deleteMany({ where: { formId, eventId: eventId ?? '' } });
        await tx.codingTheme.createMany({
          data: themes.map((theme, position) => ({
            formId,
            eventId: eventId ?? '',
            code: theme.code,
            position,
            labels: JSON.stringify(theme.labels),
            definitions: JSON.stringify(theme.definitions),
            keywords: JSON.stringify(theme.keywords),
          })),
        });
      }),
    async responses(target) {
      const runs = await prisma.surveyRun.findMany({ where: runFilter(target), select: { id: true } });
      const rows = await prisma.surveyResponse.findMany({
        where: { runId: { in: runs.map((run) => run.id) }, status: { in: FINISHED } },
        select: { id: true, runId: true, answers: true },
        orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
      });
      return withRuns(rows);
    },
    async responsesStartingWith(prefix) {
      const rows = await prisma.surveyResponse.findMany({ where: { id: { startsWith: prefix }, status: { in: FINISHED } }, select: { id: true, runId: true, answers: true } });
      return withRuns(rows);
    },
    async codings(responseIds) {
      const rows = await prisma.codingDecision.findMany({ where: ofAnswers(responseIds), orderBy: [{ codedAt: 'asc' }, { coder: 'asc' }] });
      return rows.map((row) => ({ ...row, themes: themesOf(row.themes) }));
    },
    async saveCoding(coding) {
      const key = { responseId: coding.responseId, item: coding.item, coder: coding.coder };
      const data = { themes: JSON.stringify(coding.themes), codedAt: coding.codedAt };
      return prisma.$transaction(async (tx) => {
        const replaced = (await tx.codingDecision.updateMany({ where: key, data })).count > 0;
        if (!replaced) await tx.codingDecision.create({ data: { ...key, ...data } });
        return replaced;
      });
    },
    async resolutions(responseIds) {
      const rows = await prisma.codingResolution.findMany({ where: ofAnswers(responseIds) });
      return rows.map((row) => ({ ...row, themes: themesOf(row.themes) }));
    },
    async saveResolution(resolution) {
      const data = { themes: JSON.stringify(resolution.themes), resolvedAt: resolution.resolvedAt };
      await prisma.codingResolution.upsert({
        where: { responseId_item: { responseId: resolution.responseId, item: resolution.item } },
        create: { responseId: resolution.responseId, item: resolution.item, ...data },
        update: data,
      });
    },
    quotes: (responseIds) => prisma.codingQuote.findMany({ where: ofAnswers(responseIds) }),
    saveQuote: (quote) =>
      prisma.$transaction(async (tx) => {
        const key = { responseId: quote.responseId, item: quote.item };
        const replaced = (await tx.codingQuote.updateMany({ where: key, data: { text: quote.text, quotedAt: quote.quotedAt } })).count > 0;
        if (!replaced) await tx.codingQuote.create({ data: quote });
        return replaced;
      }),
  };
}
