import { join } from 'node:path';
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { CONTROL_REFUSALS, type BoardControls, type BoardSource, type EventRecord, type Events } from '../../events/index.js';
import { isLanguage, LANGUAGES, type I18n, type Language } from '../../i18n/index.js';
import type { OrganiserSignIn } from '../../staff/organiser-sign-in.js';
import type { Clock } from '../../shared/clock.js';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { packageRoot } from '../../shared/paths.js';
import { createBoardFeed, type BoardFeedDeps } from './board-feed.js';
import { html } from './html.js';
import { carriesCsrfToken, csrfTokenOf, sessionIdOf } from './organiser-session.js';
import { controlPage, PROJECTOR_ASSETS, projectorMessage, projectorPage, type ControlNotice } from './projector-page.js';

/** The projector's stylesheet and script, served by Ura (no CDN: venues have poor internet). */
export const PROJECTOR_ASSETS_DIR = join(packageRoot, 'public', 'projector');

export interface ProjectorWebDeps {
  events: Pick<Events, 'byPublicCode' | 'isOrganiser'>;
  board: BoardSource;
  controls: BoardControls;
  signIn: Pick<OrganiserSignIn, 'visitor'>;
  i18n: I18n;
  clock: Clock;
  logger: Logger;
  /** How the streams read the board (tests pass a timer they fire by hand). */
  feed?: Pick<BoardFeedDeps, 'timer' | 'pollMs' | 'heartbeatMs'>;
}

export interface ProjectorWeb {
  routes: Router;
  /** Ends every open stream (Ura stops: the HTTP server could not close while they are open). */
  close(): void;
}

/** A press on the control view, as the form posts it: the action from the path, its details from the body. */
const pressSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['round_start', 'round_pause', 'round_resume', 'round_end']) }),
  z.object({ kind: z.literal('round_extend'), minutes: z.coerce.number().int().min(1).max(30) }),
  z.object({ kind: z.enum(['poll_open', 'poll_close']), pollId: z.string().trim().min(1).max(100) }),
]);

const wantsJson = (req: Request) => req.get('Accept')?.includes('application/json') ?? false;

/**
 * The projector: `/e/<public code>` and its stream for anyone who has the code (the
 * room's screen), `/e/<public code>/control` for the event's organisers, signed in as on
 * the organiser pages (the session cookie is sent to /e too, see organiser-session.ts).
 * A code that opens nothing is a plain 404 page; a refused visitor sees nothing of the
 * event beyond what the public page shows. test/unit/projector-access.test.ts tries
 * every route of this router as each kind of visitor.
 */
export function projectorWeb(deps: ProjectorWebDeps): ProjectorWeb {
  const { events, board, controls, signIn, i18n, clock, logger } = deps;
  const feed = createBoardFeed({ source: board, clock, logger, ...deps.feed });
  const tr = (language: Language) => i18n.forLanguage(language, 'projector');
  const eventsOf = new WeakMap<Request, EventRecord>();
  const organisersOf = new WeakMap<Request, { staffId: string; language: Language; csrfToken: string }>();
  const forms = express.urlencoded({ extended: false, limit: '10kb' });
  const send = (res: Response, status: number, page: string) => void res.status(status).type('html').send(page);

  const eventOf = (req: Request): EventRecord => {
    const event = eventsOf.get(req);
    if (!event) throw new Error('projector route used without its guard');
    return event;
  };
  const languagesOf = (event: EventRecord): Language[] => {
    const known = event.languages.filter(isLanguage);
    return known.length > 0 ? known : ['sq'];
  };
  /** `?lang=` when the event runs in it, else the browser's choice among the event's languages, else the event's main language. */
  const languageFor = (req: Request, event: EventRecord, preferred?: Language): Language => {
    const languages = languagesOf(event);
    const asked = typeof req.query.lang === 'string' && isLanguage(req.query.lang) && languages.includes(req.query.lang) ? req.query.lang : undefined;
    const accepted = req.acceptsLanguages(...languages);
    return asked ?? (preferred && languages.includes(preferred) ? preferred : undefined) ?? (typeof accepted === 'string' && isLanguage(accepted) ? accepted : languages[0]!);
  };
  const browserLanguage = (req: Request): Language => {
    const accepted = req.acceptsLanguages(...LANGUAGES);
    return typeof accepted === 'string' && isLanguage(accepted) ? accepted : 'sq';
  };

  const requireBoard: RequestHandler = async (req, res, next) => {
    const code = req.params.code;
    const event = typeof code === 'string' ? await events.byPublicCode(code) : undefined;
    if (event) {
      eventsOf.set(req, event);
      return next();
    }
    const language = browserLanguage(req);
    const t = tr(language);
    send(res, 404, projectorMessage(t, language, t('not_found.title'), t('not_found.text')));
  };

  /** The event's own organisers only: a stranger is sent to sign in (a GET) or refused (401), anyone else refused (403). */
  const requireControl: RequestHandler = async (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    const event = eventOf(req);
    const sessionId = sessionIdOf(req);
    const visitor = await signIn.visitor(sessionId);
    if (visitor.kind === 'organiser' && sessionId !== undefined && (await events.isOrganiser(event.id, visitor.staff.id))) {
      organisersOf.set(req, { staffId: visitor.staff.id, language: visitor.language, csrfToken: csrfTokenOf(sessionId) });
      return next();
    }
    const language = browserLanguage(req);
    const t = tr(language);
    if (visitor.kind === 'stranger') {
      if (req.method === 'GET' || req.method === 'HEAD') return void res.redirect(303, `/organiser/signin?next=${encodeURIComponent(`/e/${req.params.code}/control`)}`);
      return send(res, 401, projectorMessage(t, language, t('forbidden.title'), t('forbidden.signed_out')));
    }
    logger.warn({ visitor: visitor.kind }, 'projector control refused');
    send(res, 403, projectorMessage(t, language, t('forbidden.title'), t('forbidden.text')));
  };

  const organiserOf = (req: Request) => {
    const who = organisersOf.get(req);
    if (!who) throw new Error('control route used without its guard');
    return who;
  };

  const checkCsrf: RequestHandler = (req, res, next) => {
    const who = organiserOf(req);
    if (carriesCsrfToken(req, who.csrfToken)) return next();
    const t = tr(who.language);
    if (wantsJson(req)) return void res.status(403).json({ ok: false, message: t('forbidden.csrf') });
    send(res, 403, projectorMessage(t, who.language, t('forbidden.title'), t('forbidden.csrf')));
  };

  const routes = Router();
  const assets = Router();
  assets.use(express.static(PROJECTOR_ASSETS_DIR, { index: false, maxAge: '1h', dotfiles: 'deny' }));
  assets.use((_req, res) => void res.status(404).type('text/plain').send('no such file'));
  routes.use(PROJECTOR_ASSETS, assets);

  const event = Router({ mergeParams: true });
  event.use(requireBoard);

  event.get('/', (req, res) => {
    const detail = eventOf(req);
    res.set('Cache-Control', 'no-store');
    send(res, 200, projectorPage({ code: detail.publicCode ?? '', languages: languagesOf(detail), language: languageFor(req, detail), tr }));
  });

  // Server-sent events: the board at once, then at every change (see board-feed.ts).
  event.get('/stream', (req, res) => {
    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    const unsubscribe = feed.subscribe(eventOf(req).id, {
      board: (message) => void res.write(`event: board\ndata: ${message}\n\n`),
      heartbeat: () => void res.write(': keep-alive\n\n'),
      end: () => void res.end(),
    });
    res.on('close', unsubscribe);
  });

  event.get('/control', requireControl, (req, res) => {
    const detail = eventOf(req);
    const who = organiserOf(req);
    const refused = typeof req.query.refused === 'string' ? CONTROL_REFUSALS.find((reason) => reason === req.query.refused) : undefined;
    const notice: ControlNotice = req.query.done === '1' ? { ok: true } : refused ? { ok: false, reason: refused } : undefined;
    send(
      res,
      200,
      controlPage({
        code: detail.publicCode ?? '',
        eventId: detail.id,
        languages: languagesOf(detail),
        language: languageFor(req, detail, who.language),
        tr,
        csrfToken: who.csrfToken,
        notice,
      }),
    );
  });

  // The CSRF token is checked before the press is read: a forged one changes nothing.
  event.post('/control/:action', requireControl, forms, checkCsrf, async (req, res) => {
    const detail = eventOf(req);
    const who = organiserOf(req);
    const t = tr(who.language);
    const back = `/e/${detail.publicCode}/control`;
    const body: unknown = req.body;
    const press = pressSchema.safeParse({ ...(typeof body === 'object' && body !== null ? body : {}), kind: req.params.action });
    if (!press.success) {
      if (wantsJson(req)) return void res.status(400).json({ ok: false, message: t('control.failed') });
      return send(res, 400, projectorMessage(t, who.language, t('control.title'), t('control.failed'), html`<p><a href="${back}">${t('control.title')}</a></p>`));
    }
    const outcome = await controls.act(detail.id, press.data, who.staffId);
    logger.info({ event: detail.id, action: press.data.kind, outcome: outcome.ok ? 'done' : outcome.reason }, 'projector control pressed');
    if (wantsJson(req)) return void res.status(outcome.ok ? 200 : 409).json({ ok: outcome.ok, message: outcome.ok ? t('control.done') : t(`control.refused.${outcome.reason}`) });
    res.redirect(303, outcome.ok ? `${back}?done=1` : `${back}?refused=${outcome.reason}`);
  });

  routes.use('/e/:code', event);

  const failed: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    const status = typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : 500;
    const language = browserLanguage(req);
    const t = tr(language);
    if (status >= 400 && status < 500) return send(res, status, projectorMessage(t, language, t('control.title'), t('control.failed')));
    logger.error({ path: req.path, err: errorMessage(error) }, 'projector page failed');
    send(res, 500, projectorMessage(t, language, t('control.title'), t('control.failed')));
  };
  routes.use(failed);
  return { routes, close: () => feed.close() };
}
