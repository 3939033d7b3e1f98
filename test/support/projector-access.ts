import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardSnapshot, BoardSource, Events } from '../../src/events/index.js';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { createOrganiserSignIn } from '../../src/staff/organiser-sign-in.js';
import { projectorWeb } from '../../src/transport/http/projector-web.js';
import { recordingControls } from './board.js';
import { fakeClock } from './clock.js';
import { memoryOrganiserSessions, memoryStaff, organiserWebHarness, type WebHarness } from './organiser-web.js';
import { type Layer, type RouteEntry, routesOf } from './express-routes.js';

/**
 * Every projector route tried as each kind of visitor: the page and its stream are
 * anyone's who has the code (and nobody's without it), the control view and its
 * buttons only the event's own organisers'. The routes are read from Express itself,
 * so a route added without its guard fails here. Run on in-memory events (a unit
 * test) and on the events area over SQLite (an integration test).
 */

const routerOf = projectorWeb({
  events: { byPublicCode: async () => undefined, isOrganiser: async () => false },
  board: { snapshot: async () => Promise.reject(new Error('unused')) },
  controls: recordingControls(),
  signIn: createOrganiserSignIn({ store: memoryOrganiserSessions(), staff: memoryStaff(), clock: fakeClock() }),
  i18n: createI18n(),
  clock: fakeClock(),
  logger: createLogger('silent'),
}).routes as unknown as Router & { stack: Layer[] };
const ROUTES = routesOf(routerOf.stack);
const key = (route: RouteEntry) => `${route.method} ${route.path}`;
const PUBLIC = ['GET /e/:code', 'GET /e/:code/stream'];
const controlRoutes = ROUTES.filter((route) => !PUBLIC.includes(key(route)));

/** A surname of someone at a table: the public board shows first names at most. */
export const SEATED = { first: 'Drita', surname: 'Hoxha' };

export interface ProjectorUnderTest {
  events: Pick<Events, 'byPublicCode' | 'isOrganiser'>;
  board: BoardSource;
  /** Two events, the first organised by `organiserId` (with SEATED at a table), the second by `otherOrganiserId`; their public codes and ids. */
  prepare(organiserId: string, otherOrganiserId: string): Promise<{ code: string; eventId: string; otherCode: string }>;
}

/** The first board a stream sends (that `wanted` accepts, when given); the stream is then closed. */
export async function firstBoard(response: Response, wanted: (board: BoardSnapshot) => boolean = () => true): Promise<BoardSnapshot> {
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no stream');
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before a board: ${text}`);
      text += decoder.decode(value, { stream: true });
      for (const block of text.matchAll(/event: board\ndata: (.*)\n\n/g)) {
        const board: BoardSnapshot = JSON.parse(block[1] ?? '{}').board;
        if (wanted(board)) return board;
      }
      text = text.slice(text.lastIndexOf('\n\n') + 2);
    }
  } finally {
    await reader.cancel();
  }
}

export function projectorAccessSuite(build: () => Promise<ProjectorUnderTest>): void {
  let h: WebHarness;
  let ids = { code: '', eventId: '', otherCode: '' };
  const controls = recordingControls();
  const cookies: Record<'participant' | 'operator' | 'otherOrganiser' | 'organiser', string> = { participant: '', operator: '', otherOrganiser: '', organiser: '' };
  let organiserId = '';
  const concrete = (route: RouteEntry, code = ids.code) => route.path.replace(':code', code).replace(':action', 'round_pause');

  beforeAll(async () => {
    const under = await build();
    h = await organiserWebHarness({ projector: { events: under.events, board: under.board, controls } });
    const organiser = h.staff.add('5001', 'organiser');
    const other = h.staff.add('5002', 'organiser');
    const operator = h.staff.add('5003', 'operator');
    const participant = h.staff.add('5004', 'organiser');
    organiserId = organiser.id;
    ids = await under.prepare(organiser.id, other.id);
    cookies.organiser = await h.sessionOf(organiser);
    cookies.otherOrganiser = await h.sessionOf(other);
    cookies.operator = await h.sessionOf(operator);
    cookies.participant = await h.sessionOf(participant);
    h.staff.remove(participant.id);
  });
  afterAll(async () => h?.close());

  const request = (route: RouteEntry, headers: Record<string, string> = {}, body = 'minutes=2') =>
    h.fetch(concrete(route), {
      method: route.method,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      ...(route.method === 'POST' ? { body } : {}),
    });

  describe('the route list', () => {
    it('is read from the router: the page and its stream, the control view and its buttons', () => {
      expect(ROUTES.map(key).sort()).toEqual(['GET /e/:code', 'GET /e/:code/control', 'GET /e/:code/stream', 'POST /e/:code/control/:action']);
    });
  });

  describe('the public page and its stream', () => {
    it('serves the page to anyone with the code, without a session', async () => {
      const response = await h.fetch(`/e/${ids.code}`);
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).toContain(`data-stream="/e/${ids.code}/stream"`);
      expect(page).not.toContain('data-csrf');
    });

    it('streams the board at once, with first names at tables and no surname', async () => {
      const response = await h.fetch(`/e/${ids.code}/stream`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const board = await firstBoard(response);
      const sent = JSON.stringify(board);
      expect(sent).toContain(SEATED.first);
      expect(sent).not.toContain(SEATED.surname);
    });

    it('answers an unknown or malformed code, and the join code, with a bare 404', async () => {
      for (const code of ['AAAAAAAAAAAAAAAAAAAAAA', 'short', 'K7M3PQ', `${ids.code}x`, ids.eventId]) {
        for (const path of [`/e/${code}`, `/e/${code}/stream`, `/e/${code}/control`]) {
          const response = await h.fetch(path, { headers: { cookie: cookies.organiser } });
          expect(response.status).toBe(404);
          const text = await response.text();
          expect(text).not.toContain(SEATED.first);
          expect(text).not.toContain(ids.code);
        }
      }
    });
  });

  describe.each(controlRoutes.map((route) => ({ ...route, name: key(route) })))('$name', (route) => {
    it('sends a stranger to sign in through the bot (a GET) or refuses them (401)', async () => {
      for (const cookie of [undefined, 'ura_organiser=forged-0123456789abcdefghijklmnopqrstuvwxyzABCDE']) {
        const response = await request(route, cookie ? { cookie } : {});
        if (route.method === 'GET') {
          expect(response.status).toBe(303);
          expect(response.headers.get('location')).toBe(`/organiser/signin?next=${encodeURIComponent(`/e/${ids.code}/control`)}`);
        } else expect(response.status).toBe(401);
        expect(await response.text()).not.toContain('data-csrf');
      }
    });

    it('refuses a participant (no staff member behind the session), an operator and another event’s organiser with 403', async () => {
      for (const cookie of [cookies.participant, cookies.operator, cookies.otherOrganiser]) {
        const response = await request(route, { cookie });
        expect(response.status).toBe(403);
        expect(await response.text()).not.toContain('data-csrf');
      }
    });

    if (route.method === 'POST')
      it('refuses the event’s organiser without the CSRF token, with 403', async () => {
        const response = await request(route, { cookie: cookies.organiser });
        expect(response.status).toBe(403);
      });

    if (route.method === 'GET')
      it('serves the event’s own organiser', async () => {
        const response = await request(route, { cookie: cookies.organiser });
        expect(response.status).toBe(200);
        expect(await response.text()).toContain('data-csrf');
      });
  });

  describe('a press on the control view', () => {
    it('reaches the controls only from the event’s organiser with the page’s token; a bad press is refused and reaches nothing', async () => {
      expect(controls.presses).toEqual([]);
      const page = await (await h.fetch(`/e/${ids.code}/control`, { headers: { cookie: cookies.organiser } })).text();
      const csrf = /data-csrf="([^"]+)"/.exec(page)?.[1] ?? '';
      const press = (action: string, body: string, accept = 'text/html') =>
        h.fetch(`/e/${ids.code}/control/${action}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.organiser, accept },
          body: `_csrf=${encodeURIComponent(csrf)}&${body}`,
        });
      for (const [action, body] of [
        ['round_extend', 'minutes=0'],
        ['round_extend', 'minutes=lots'],
        ['poll_open', 'pollId='],
        ['launch_rockets', ''],
      ] as const) {
        const response = await press(action, body, 'application/json');
        expect(response.status).toBe(400);
        // In the organiser's language (their first, Albanian).
        expect(await response.json()).toEqual({ ok: false, message: h.i18n.t('sq', 'projector:control.failed') });
      }
      expect(controls.presses).toEqual([]);

      const extended = await press('round_extend', 'minutes=5');
      expect(extended.status).toBe(303);
      expect(extended.headers.get('location')).toBe(`/e/${ids.code}/control?done=1`);
      expect(controls.presses).toEqual([{ eventId: ids.eventId, action: { kind: 'round_extend', minutes: 5 }, by: organiserId }]);
      const opened = await press('poll_open', 'pollId=poll-hands', 'application/json');
      expect(await opened.json()).toEqual({ ok: true, message: h.i18n.t('sq', 'projector:control.done') });
      expect(controls.presses.at(-1)).toEqual({ eventId: ids.eventId, action: { kind: 'poll_open', pollId: 'poll-hands' }, by: organiserId });
    });
  });
}
