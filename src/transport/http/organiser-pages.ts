import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { joinQr } from '../../events/join-qr.js';
import { isLanguage, LANGUAGES, type I18n, type Language } from '../../i18n/index.js';
import { SIGN_IN_MINUTES, type OrganiserSignIn, type SignInRefusal } from '../../staff/organiser-sign-in.js';
import type { Clock } from '../../shared/clock.js';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { eventPage, liveFragment, uploadResult, type EventLive } from './event-page.js';
import { html } from './html.js';
import { evaluationQuery, sendReportFile } from './evaluation-query.js';
import { rawUpload, skipInvalidOf, uploadedFile } from './invite-upload.js';
import type { EventDetail, OrganiserEvents, RunRequest } from './organiser-events.js';
import { type RunRequestProblem, runProblemWords } from './run-problems.js';
import { wallTime } from './runs-section.js';
import { readTime } from '../../shared/zone.js';
import { carriesCsrfToken, clearSessionCookie, csrfTokenOf, localPath, sessionIdOf, setSessionCookie, type Organiser } from './organiser-session.js';
import { confirmSignInPage, eventsPage, messagePage } from './organiser-views.js';

export interface OrganiserPagesDeps {
  signIn: OrganiserSignIn;
  events: OrganiserEvents;
  i18n: I18n;
  clock: Clock;
  /** APP_TIMEZONE: times on the pages are shown in it. */
  timeZone: string;
  /** Whether Ura is reached over https (PUBLIC_URL): the cookie is then Secure. */
  secure: boolean;
  logger: Logger;
}

const SIGN_IN_REFUSALS: readonly SignInRefusal[] = ['unknown', 'expired', 'used', 'not_organiser'];

/** The form that opens an evaluation run: the survey flow, the closing time (empty: none) and the reminder's minutes (empty: none). */
const runForm = z.object({ form: z.string().max(100), closes: z.string().max(40).default(''), remindAfter: z.string().max(10).default('') });

/** The run a page's form asks for, or what in it cannot be read. */
function runRequestOf(form: z.infer<typeof runForm>, timeZone: string): RunRequest | { problems: RunRequestProblem[] } {
  const closes = form.closes.trim();
  const minutes = form.remindAfter.trim();
  const closesAt = closes === '' ? null : (readTime(closes, timeZone) ?? undefined);
  const problems: RunRequestProblem[] = [];
  if (closesAt === undefined) problems.push({ code: 'closes_unreadable', value: closes });
  if (minutes !== '' && !/^\d+$/.test(minutes)) problems.push({ code: 'remind_unreadable', value: minutes });
  if (problems.length > 0 || closesAt === undefined) return { problems };
  return { form: form.form, closesAt, remindAfter: minutes === '' ? null : Number(minutes) };
}

/** The projector setting's form: first names at tables (true) or table numbers only (false). */
const namesShownSchema = z.object({ namesShown: z.enum(['true', 'false']) });

/**
 * Whether a form was sent from Ura's own page, as the browser tells: Sec-Fetch-Site
 * (current browsers), else the Origin header. Origin is "null" under Ura's
 * no-referrer policy in some browsers, which says nothing either way.
 */
function fromThisSite(req: Request): boolean {
  const site = req.get('Sec-Fetch-Site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = req.get('Origin');
  if (origin === undefined || origin === 'null') return true;
  return URL.canParse(origin) && new URL(origin).host === req.get('Host');
}

/**
 * The organisers' pages, mounted at /organiser. Public: the sign-in pages (and the
 * assets, mounted before). Everything else passes `requireOrganiser` first, and an
 * event's pages `requireEvent` as well: a route added below them is guarded by
 * construction, and test/unit/organiser-access.test.ts tries every route as a
 * stranger, a participant, an operator and another event's organiser.
 */
export function organiserPages(deps: OrganiserPagesDeps): Router {
  const { signIn, events, i18n, clock, timeZone, secure, logger } = deps;
  const organisers = new WeakMap<Request, Organiser>();
  const eventsOf = new WeakMap<Request, EventDetail>();
  const forms = express.urlencoded({ extended: false, limit: '10kb' });
  const tr = (language: Language) => i18n.forLanguage(language, 'organiser');
  const browserLanguage = (req: Request): Language => {
    const accepted = req.acceptsLanguages(...LANGUAGES);
    return typeof accepted === 'string' && isLanguage(accepted) ? accepted : 'sq';
  };
  const whoOf = (req: Request): Organiser => {
    const who = organisers.get(req);
    if (!who) throw new Error('organiser route used without its guard');
    return who;
  };
  const eventOf = (req: Request): EventDetail => {
    const event = eventsOf.get(req);
    if (!event) throw new Error('event route used without its guard');
    return event;
  };
  const send = (res: Response, status: number, page: string) => void res.status(status).type('html').send(page);
  const howToSignIn = (language: Language) => tr(language)('signin.how', { minutes: SIGN_IN_MINUTES });

  const router = Router();

  // Public: the landing page of the bot's link, the trade of the link for a session, and the way in.
  router.get('/signin', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const language = browserLanguage(req);
    const t = tr(language);
    const token = typeof req.query.t === 'string' ? req.query.t : undefined;
    if (token !== undefined) {
      const state = await signIn.inspect(token);
      if (state === 'valid') return send(res, 200, confirmSignInPage(t, language, token));
      return send(res, 400, messagePage(t, language, t('signin.title'), [t(`signin.refused.${state}`), howToSignIn(language)]));
    }
    const next = localPath(req.query.next);
    const paragraphs = [...(req.query.signed_out === '1' ? [t('signin.signed_out')] : []), howToSignIn(language), ...(next ? [html`<a href="${next}">${t('signin.again')}</a>`] : [])];
    send(res, 200, messagePage(t, language, t('signin.title'), paragraphs));
  });

  router.post('/signin', forms, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    // Pressed on Ura's own page, never posted by another site (which could sign a visitor in as someone else).
    if (!fromThisSite(req))
      return send(res, 403, messagePage(tr(browserLanguage(req)), browserLanguage(req), tr(browserLanguage(req))('forbidden.title'), [tr(browserLanguage(req))('forbidden.csrf')]));
    const body: unknown = req.body;
    const token = typeof body === 'object' && body !== null && 't' in body && typeof body.t === 'string' ? body.t : '';
    const outcome = await signIn.signIn(token);
    if (typeof outcome === 'object') {
      setSessionCookie(res, outcome.sessionId, outcome.expiresAt, secure, clock.now());
      logger.info('organiser signed in to the web pages');
      return void res.redirect(303, '/organiser');
    }
    const language = browserLanguage(req);
    const t = tr(language);
    const reason = SIGN_IN_REFUSALS.includes(outcome) ? outcome : 'unknown';
    send(res, 400, messagePage(t, language, t('signin.title'), [t(`signin.refused.${reason}`), howToSignIn(language)]));
  });

  // Everything below is an organiser's only.
  const requireOrganiser: RequestHandler = async (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    const sessionId = sessionIdOf(req);
    const visitor = await signIn.visitor(sessionId);
    if (visitor.kind === 'organiser' && sessionId !== undefined) {
      organisers.set(req, { staff: visitor.staff, language: visitor.language, sessionId, csrfToken: csrfTokenOf(sessionId) });
      return next();
    }
    const language = browserLanguage(req);
    const t = tr(language);
    if (visitor.kind === 'stranger') {
      const back = localPath(req.originalUrl.split('?')[0]);
      if (req.method === 'GET' || req.method === 'HEAD') return void res.redirect(303, `/organiser/signin${back ? `?next=${encodeURIComponent(back)}` : ''}`);
      return send(res, 401, messagePage(t, language, t('signin.title'), [t('upload.signed_out'), howToSignIn(language)]));
    }
    logger.warn({ visitor: visitor.kind }, 'organiser pages refused to a signed-in non-organiser');
    send(res, 403, messagePage(t, language, t('forbidden.title'), [t('forbidden.text')]));
  };

  /** A state-changing request carries the session's CSRF token; one that does not changes nothing. */
  const checkCsrf: RequestHandler = (req, res, next) => {
    if (carriesCsrfToken(req, whoOf(req).csrfToken)) return next();
    const { language } = whoOf(req);
    send(res, 403, messagePage(tr(language), language, tr(language)('forbidden.title'), [tr(language)('forbidden.csrf')]));
  };

  const guarded = Router();
  guarded.use(requireOrganiser);

  guarded.get('/', async (req, res) => {
    const who = whoOf(req);
    send(res, 200, eventsPage(tr(who.language), who, await events.list(who.staff.id)));
  });

  guarded.post('/language', forms, checkCsrf, async (req, res) => {
    const body: unknown = req.body;
    const wanted = typeof body === 'object' && body !== null && 'language' in body && typeof body.language === 'string' ? body.language : '';
    if (isLanguage(wanted)) await signIn.setLanguage(whoOf(req).sessionId, wanted);
    const back = typeof body === 'object' && body !== null && 'back' in body ? localPath(body.back) : undefined;
    res.redirect(303, back ?? '/organiser');
  });

  guarded.post('/signout', forms, checkCsrf, async (req, res) => {
    await signIn.signOut(whoOf(req).sessionId);
    clearSessionCookie(res, secure);
    res.redirect(303, '/organiser/signin?signed_out=1');
  });

  // An event's pages: only for its own organisers. Another's event is as good as none (404).
  const requireEvent: RequestHandler = async (req, res, next) => {
    const who = whoOf(req);
    const id = req.params.id;
    const event = typeof id === 'string' ? await events.get(id) : undefined;
    if (event && event.organiserIds.includes(who.staff.id)) {
      eventsOf.set(req, event);
      return next();
    }
    send(res, 404, messagePage(tr(who.language), who.language, tr(who.language)('not_found.title'), [tr(who.language)('not_found.text')], who));
  };

  const live = async (event: EventDetail): Promise<EventLive> => {
    const [registrations, byType, byRegion, entrance] = await Promise.all([
      events.registrations(event.id),
      events.profile(event.id, 'org_type'),
      events.profile(event.id, 'region'),
      events.entranceCode(event.id),
    ]);
    return { registrations, byType, byRegion, entrance, now: clock.now() };
  };

  const event = Router({ mergeParams: true });
  event.use(requireEvent);

  event.get('/', async (req, res) => {
    const who = whoOf(req);
    const detail = eventOf(req);
    send(res, 200, eventPage(tr(who.language), who, detail, await live(detail), timeZone, await events.projector(detail.id), await events.surveyRuns(detail.id)));
  });

  // Evaluation runs: open one (the form, an optional closing time in APP_TIMEZONE, the reminder's delay), close one.
  event.post('/runs', forms, checkCsrf, async (req, res) => {
    const { language } = whoOf(req);
    const t = tr(language);
    const detail = eventOf(req);
    const read = runForm.safeParse(req.body);
    const request = read.success ? runRequestOf(read.data, timeZone) : { problems: [{ code: 'unknown_form' as const, form: '' }] };
    const result = 'problems' in request ? request : await events.openSurveyRun(detail.id, request);
    if ('problems' in result) {
      const words = result.problems.map((problem) => runProblemWords(problem, t, (at) => wallTime(at, language, timeZone)));
      return send(res, 400, messagePage(t, language, t('runs.title'), [t('runs.refused'), ...words], whoOf(req)));
    }
    logger.info({ event: detail.id, run: result.opened.id, form: result.opened.form }, 'evaluation run opened on the organiser pages');
    res.redirect(303, `/organiser/events/${encodeURIComponent(detail.id)}#runs`);
  });

  // A run's link as a QR code, to print or show on the room's screen.
  event.get('/runs/:run/qr.svg', async (req, res) => {
    const run = await events.surveyRun(eventOf(req).id, String(req.params.run));
    if (!run?.link) return void res.status(404).type('text/plain').send('no such run, or no link yet');
    res.type('image/svg+xml').send(await joinQr(run.link, 'svg'));
  });

  event.post('/runs/:run/close', forms, checkCsrf, async (req, res) => {
    const { language } = whoOf(req);
    const detail = eventOf(req);
    const outcome = await events.closeSurveyRun(detail.id, String(req.params.run));
    if (outcome === 'not_found') return send(res, 404, messagePage(tr(language), language, tr(language)('runs.title'), [tr(language)('runs.not_found')], whoOf(req)));
    logger.info({ event: detail.id, run: req.params.run, outcome }, 'evaluation run closed on the organiser pages');
    res.redirect(303, `/organiser/events/${encodeURIComponent(detail.id)}#runs`);
  });

  // What the projector shows at tables: first names, or table numbers only.
  event.post('/projector', forms, checkCsrf, async (req, res) => {
    const { language } = whoOf(req);
    const detail = eventOf(req);
    const choice = namesShownSchema.safeParse(req.body);
    if (!choice.success) return send(res, 400, messagePage(tr(language), language, tr(language)('projector.title'), [tr(language)('projector.invalid')], whoOf(req)));
    await events.setNamesShown(detail.id, choice.data.namesShown === 'true');
    logger.info({ event: detail.id, namesShown: choice.data.namesShown }, 'projector setting changed');
    res.redirect(303, `/organiser/events/${encodeURIComponent(detail.id)}`);
  });

  event.get('/live', async (req, res) => {
    const { language } = whoOf(req);
    send(res, 200, liveFragment(tr(language), language, timeZone, await live(eventOf(req))).markup);
  });

  event.get('/qr.svg', async (req, res) => {
    const { joinLink } = eventOf(req);
    if (!joinLink) return void res.status(404).type('text/plain').send('no join link yet');
    res.type('image/svg+xml').send(await joinQr(joinLink, 'svg'));
  });

  // The CSRF header is checked before the body is read: a forged upload is never taken in.
  event.post('/invites', checkCsrf, rawUpload, async (req, res) => {
    const t = tr(whoOf(req).language);
    const file = uploadedFile(req);
    if (!file) return send(res, 400, uploadResult(t, 'empty').markup);
    const result = await events.importInvites(eventOf(req).id, file, { skipInvalid: skipInvalidOf(req) });
    logger.info({ event: eventOf(req).id, outcome: 'imported' in result ? 'imported' : 'refused' }, 'invite list uploaded on the organiser pages');
    send(res, 'imported' in result ? 200 : 400, uploadResult(t, result).markup);
  });

  // The evaluation report: HTML to read, the other formats to download (PDF needs Chromium on the server).
  event.get('/evaluation', async (req, res) => {
    const { language } = whoOf(req);
    const t = tr(language);
    const query = evaluationQuery(req);
    const refuse = (status: number) => send(res, status, messagePage(t, language, t('evaluation.title'), [t('evaluation.invalid')], whoOf(req)));
    if ('problem' in query) return refuse(400);
    const download = await events.evaluation(eventOf(req).id, query.request);
    if ('refused' in download || !sendReportFile(res, download, query.table)) return refuse(404);
  });

  guarded.use('/events/:id', event);
  router.use(guarded);

  // Body errors (too large, unreadable) and failures: a page, never a stack.
  const failed: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    const status = typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : 500;
    const who = organisers.get(req);
    const language = who?.language ?? browserLanguage(req);
    const t = tr(language);
    if (status === 413) return send(res, 413, uploadResult(t, 'too_large').markup);
    if (status >= 400 && status < 500) return send(res, status, uploadResult(t, 'empty').markup);
    logger.error({ path: req.path, err: errorMessage(error) }, 'organiser page failed');
    send(res, 500, messagePage(t, language, t('failed.title'), [t('failed.text')]));
  };
  router.use(failed);
  return router;
}
