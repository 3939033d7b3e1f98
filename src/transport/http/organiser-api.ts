import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { DEFAULT_REMIND_AFTER_MINUTES } from '../../surveys/index.js';
import { runProblemWords } from './run-problems.js';
import { errorMessage } from '../../shared/errors.js';
import { sameSecret } from '../../shared/crypto.js';
import type { Logger } from '../../shared/logger.js';
import { sayExpected } from '../../events/index.js';
import type { I18n } from '../../i18n/index.js';
import { evaluationQuery, sendReportFile } from './evaluation-query.js';
import { rawUpload, skipInvalidOf, UPLOAD_LIMIT_MB, uploadedFile } from './invite-upload.js';
import type { EventDetail, ImportProblem, OrganiserEvents, ProfileBy } from './organiser-events.js';

export interface OrganiserApiDeps {
  events: OrganiserEvents;
  /** The API speaks English, as the `ura` command does. */
  i18n: I18n;
  /** ADMIN_TOKEN; without it the API is off (403 to everyone). */
  adminToken: string | undefined;
  logger: Logger;
}

/** A run to open: its form, its closing time (ISO, with an offset; none: closed by hand) and the reminder's minutes (none: no reminder; absent: the default). */
const runBody = z.strictObject({
  form: z.string().min(1).max(100),
  closesAt: z.iso.datetime({ offset: true }).nullable().optional(),
  remindAfter: z.number().int().nullable().optional(),
});

const fail = (res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}) => void res.status(status).json({ code, message, ...extra });

/** What a script sees of an event: everything but the organisers' staff ids. */
const shown = ({ organiserIds, ...event }: EventDetail) => event;

/**
 * The same operations as the organiser pages, as JSON under /api, for scripts with
 * `Authorization: Bearer <ADMIN_TOKEN>` (compared in constant time). Cookies are no
 * credential here: a page of another site cannot use an organiser's session on the
 * API. Errors are `{ code, message }`.
 */
export function organiserApi(deps: OrganiserApiDeps): Router {
  const { events, adminToken, logger } = deps;
  const english = deps.i18n.forLanguage('en', 'events');
  const englishOrganiser = deps.i18n.forLanguage('en', 'organiser');
  /** A problem for a script: what was expected in English words, and its code and values to act on. */
  const problemOf = ({ expected, ...where }: ImportProblem) => ({ ...where, expected: sayExpected(expected, english), code: expected.code, values: expected.values ?? {} });
  const eventsOf = new WeakMap<Request, EventDetail>();

  const requireToken: RequestHandler = (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    if (adminToken === undefined) return fail(res, 403, 'api_disabled', 'the API is off: set ADMIN_TOKEN to use it');
    const given = /^Bearer (\S+)$/.exec(req.get('Authorization') ?? '')?.[1];
    if (given === undefined) return fail(res, 401, 'unauthorized', 'send Authorization: Bearer <ADMIN_TOKEN>');
    if (!sameSecret(given, adminToken)) return fail(res, 401, 'unauthorized', 'wrong admin token');
    next();
  };

  const requireEvent: RequestHandler = async (req, res, next) => {
    const id = req.params.id;
    const event = typeof id === 'string' ? await events.get(id) : undefined;
    if (!event) return fail(res, 404, 'not_found', 'no such event');
    eventsOf.set(req, event);
    next();
  };
  const eventOf = (req: Request): EventDetail => {
    const event = eventsOf.get(req);
    if (!event) throw new Error('event route used without its guard');
    return event;
  };

  const router = Router();
  router.use(requireToken);
  router.get('/events', async (_req, res) => void res.json({ events: await events.list(undefined) }));

  const event = Router({ mergeParams: true });
  event.use(requireEvent);
  event.get('/', (req, res) => void res.json(shown(eventOf(req))));
  event.get('/registrations', async (req, res) => void res.json({ registrations: await events.registrations(eventOf(req).id) }));
  event.get('/profile', async (req, res) => {
    const by = req.query.by ?? 'org_type';
    if (by !== 'org_type' && by !== 'region') return fail(res, 400, 'bad_request', 'by must be org_type or region');
    const wanted: ProfileBy = by;
    res.json(await events.profile(eventOf(req).id, wanted));
  });
  event.get('/entrance-code', async (req, res) => {
    const code = await events.entranceCode(eventOf(req).id);
    if (!code) return fail(res, 404, 'not_found', 'the event has no entrance code now');
    res.json(code);
  });
  event.post('/invites', rawUpload, async (req, res) => {
    const file = uploadedFile(req);
    if (!file) return fail(res, 400, 'empty_file', 'send the CSV or XLSX file as the request body');
    const result = await events.importInvites(eventOf(req).id, file, { skipInvalid: skipInvalidOf(req) });
    if ('problems' in result) return fail(res, 400, 'invalid_rows', `nothing was imported: ${result.problems.length} problem(s) in the file`, { problems: result.problems.map(problemOf) });
    logger.info({ event: eventOf(req).id, imported: result.imported }, 'invite list imported through the API');
    res.json(result);
  });
  // The evaluation report of the event's answers (chat and paper), in a format.
  event.get('/evaluation', async (req, res) => {
    const query = evaluationQuery(req);
    if ('problem' in query) return fail(res, 400, 'bad_request', query.problem);
    const download = await events.evaluation(eventOf(req).id, query.request);
    if ('refused' in download) return fail(res, 400, 'unknown_form', `form must be one of ${download.forms.join(', ')}`, { forms: download.forms });
    if (!sendReportFile(res, download, query.table)) fail(res, 404, 'not_found', `the report has no table "${query.table}"`);
  });
  // Evaluation runs: the event's runs with counts only, open one, close one.
  event.get('/runs', async (req, res) => void res.json(await events.surveyRuns(eventOf(req).id)));
  event.post('/runs', express.json({ limit: '10kb' }), async (req, res) => {
    const read = runBody.safeParse(req.body);
    if (!read.success) return fail(res, 400, 'bad_request', 'send JSON: { "form": "<flow id>", "closesAt": "<ISO time>" or null, "remindAfter": <minutes> or null }');
    const { form, closesAt = null, remindAfter = DEFAULT_REMIND_AFTER_MINUTES } = read.data;
    const result = await events.openSurveyRun(eventOf(req).id, { form, closesAt: closesAt === null ? null : new Date(closesAt), remindAfter });
    if ('problems' in result) {
      const problems = result.problems.map((problem) => ({ ...problem, message: runProblemWords(problem, englishOrganiser, (at) => at.toISOString()) }));
      return fail(res, 400, 'invalid_run', `the run was not opened: ${problems.map((problem) => problem.message).join(' ')}`, { problems });
    }
    logger.info({ event: eventOf(req).id, run: result.opened.id }, 'evaluation run opened through the API');
    res.status(201).json({ run: result.opened });
  });
  event.post('/runs/:run/close', async (req, res) => {
    const outcome = await events.closeSurveyRun(eventOf(req).id, String(req.params.run));
    if (outcome === 'not_found') return fail(res, 404, 'not_found', 'the event has no such run');
    res.json({ outcome });
  });
  router.use('/events/:id', event);

  const failed: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    const status = typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : 500;
    if (status === 413) return fail(res, 413, 'too_large', `the file is larger than ${UPLOAD_LIMIT_MB} MB`);
    if (status >= 400 && status < 500) return fail(res, status, 'bad_request', 'the request body could not be read');
    logger.error({ path: req.path, err: errorMessage(error) }, 'API request failed');
    fail(res, 500, 'internal', 'internal error');
  };
  router.use(failed);
  return router;
}
