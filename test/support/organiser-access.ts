import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { createOrganiserSignIn } from '../../src/staff/organiser-sign-in.js';
import type { OrganiserEvents } from '../../src/transport/http/organiser-events.js';
import { organiserWeb } from '../../src/transport/http/organiser-web.js';
import { fakeClock } from './clock.js';
import { fakeOrganiserEvents } from './organiser-events.js';
import { ADMIN_TOKEN, memoryOrganiserSessions, memoryStaff, organiserWebHarness, type WebHarness } from './organiser-web.js';
import { type Layer, type RouteEntry, routesOf } from './express-routes.js';

/**
 * Every organiser route tried as a stranger, a participant, an operator without the
 * organiser role, another event's organiser and the right organiser without the CSRF
 * token; every API route without the admin token. The routes are read from Express
 * itself, so no route is forgotten. Run on the in-memory events (a unit test) and on
 * the events area over a database (an integration test), through `EventsUnderTest`.
 */

// The routes do not depend on the events behind them: read from a router over the in-memory ones.
const web = organiserWeb({
  signIn: createOrganiserSignIn({ store: memoryOrganiserSessions(), staff: memoryStaff(), clock: fakeClock() }),
  events: fakeOrganiserEvents(),
  i18n: createI18n(),
  clock: fakeClock(),
  timeZone: 'Europe/Tirane',
  publicUrl: undefined,
  adminToken: ADMIN_TOKEN,
  logger: createLogger('silent'),
}) as unknown as Router & { stack: Layer[] };
const ROUTES = routesOf(web.stack);

/** The only routes open to anyone: the landing page of the bot's link and the trade of the link for a session. */
const PUBLIC = ['GET /organiser/signin', 'POST /organiser/signin'];
const key = (route: RouteEntry) => `${route.method} ${route.path}`;
const pages = ROUTES.filter((route) => route.path.startsWith('/organiser') && !PUBLIC.includes(key(route)));
const api = ROUTES.filter((route) => route.path.startsWith('/api'));
export const PARTICIPANT_NAME = 'Drita Hoxha';

/** The events the routes are tried on. */
export interface EventsUnderTest {
  events: OrganiserEvents;
  /**
   * Makes two events, the first organised by `organiserId` with PARTICIPANT_NAME
   * registered on it and an evaluation run open, the second by `otherOrganiserId`;
   * returns their ids and the run's.
   */
  prepare(organiserId: string, otherOrganiserId: string, now: Date): Promise<{ event: string; otherEvent: string; run: string }>;
  /** The events an invite import reached, one entry per import. */
  imports(): string[];
}

/** Records the invite imports that reach the events: the refused requests must reach none. */
export function countingImports(events: OrganiserEvents): { events: OrganiserEvents; imports: string[] } {
  const imports: string[] = [];
  return {
    imports,
    events: {
      ...events,
      importInvites: async (eventId, file, options) => {
        imports.push(eventId);
        return events.importInvites(eventId, file, options);
      },
    },
  };
}

export function organiserAccessSuite(build: () => Promise<EventsUnderTest>): void {
  let h: WebHarness;
  let under: EventsUnderTest;
  let ids = { event: '', otherEvent: '', run: '' };
  const cookies: Record<'participant' | 'operator' | 'otherOrganiser' | 'organiser', string> = { participant: '', operator: '', otherOrganiser: '', organiser: '' };
  const concrete = (route: RouteEntry) => route.path.replace(':id', ids.event).replace(':run', ids.run);

  beforeAll(async () => {
    under = await build();
    h = await organiserWebHarness({ events: under.events });
    const organiser = h.staff.add('5001', 'organiser');
    const other = h.staff.add('5002', 'organiser');
    const operator = h.staff.add('5003', 'operator');
    const participant = h.staff.add('5004', 'organiser');
    ids = await under.prepare(organiser.id, other.id, h.clock.now());
    cookies.organiser = await h.sessionOf(organiser);
    cookies.otherOrganiser = await h.sessionOf(other);
    cookies.operator = await h.sessionOf(operator);
    // A participant is nobody on the staff: the nearest they come to a session is one whose staff member is gone.
    cookies.participant = await h.sessionOf(participant);
    h.staff.remove(participant.id);
  });
  afterAll(async () => h?.close());

  /** What each POST sends: a run to open as JSON (the API's), else an invite list (the refused ones must import nothing). */
  const bodyOf = (route: RouteEntry) =>
    route.path.endsWith('/runs')
      ? { type: 'application/json', body: JSON.stringify({ form: 'surveys/event-evaluation' }) }
      : { type: 'text/csv', body: 'name,organisation,org_type,region\nA,B,ngo,fier\n' };
  const request = (route: RouteEntry, headers: Record<string, string> = {}) =>
    h.fetch(concrete(route), {
      method: route.method,
      headers: { 'content-type': bodyOf(route).type, ...headers },
      ...(route.method === 'POST' ? { body: bodyOf(route).body } : {}),
    });

  describe('the route list', () => {
    it('is read from the routers, and has every organiser page and API route', () => {
      expect(pages.map(key)).toEqual(
        expect.arrayContaining([
          'GET /organiser',
          'POST /organiser/language',
          'POST /organiser/signout',
          'GET /organiser/events/:id',
          'GET /organiser/events/:id/live',
          'GET /organiser/events/:id/qr.svg',
          'POST /organiser/events/:id/invites',
          'POST /organiser/events/:id/projector',
          'POST /organiser/events/:id/runs',
          'POST /organiser/events/:id/runs/:run/close',
          'GET /organiser/events/:id/runs/:run/qr.svg',
        ]),
      );
      expect(api.map(key)).toEqual(
        expect.arrayContaining([
          'GET /api/events',
          'GET /api/events/:id',
          'GET /api/events/:id/registrations',
          'GET /api/events/:id/profile',
          'GET /api/events/:id/entrance-code',
          'POST /api/events/:id/invites',
          'GET /api/events/:id/runs',
          'POST /api/events/:id/runs',
          'POST /api/events/:id/runs/:run/close',
        ]),
      );
      expect(ROUTES.length).toBe(pages.length + api.length + PUBLIC.length);
    });
  });

  describe.each(pages.map((route) => ({ ...route, name: key(route) })))('$name', (route) => {
    it('sends a stranger to sign in through the bot (a GET) or refuses them (401), showing nothing', async () => {
      for (const cookie of [undefined, 'ura_organiser=forged-0123456789abcdefghijklmnopqrstuvwxyzABCDE']) {
        const response = await request(route, cookie ? { cookie } : {});
        if (route.method === 'GET') {
          expect(response.status).toBe(303);
          expect(response.headers.get('location')).toMatch(/^\/organiser\/signin/);
        } else expect(response.status).toBe(401);
        expect(await response.text()).not.toContain(PARTICIPANT_NAME);
      }
    });

    it('refuses a participant (no staff member behind the session) with 403', async () => {
      const response = await request(route, { cookie: cookies.participant });
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain(PARTICIPANT_NAME);
    });

    it('refuses an operator without the organiser role with 403', async () => {
      const response = await request(route, { cookie: cookies.operator });
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain(PARTICIPANT_NAME);
    });

    if (route.path.includes(':id'))
      it("refuses another event's organiser with 404", async () => {
        const response = await request(route, { cookie: cookies.otherOrganiser });
        expect(response.status).toBe(404);
        expect(await response.text()).not.toContain(PARTICIPANT_NAME);
      });

    if (route.method === 'POST')
      it('refuses the right organiser without the CSRF token, with 403', async () => {
        const response = await request(route, { cookie: cookies.organiser });
        expect(response.status).toBe(403);
      });

    if (route.method === 'GET')
      it('serves the event’s own organiser', async () => {
        const response = await request(route, { cookie: cookies.organiser });
        expect(response.status).toBe(200);
      });
  });

  describe.each(api.map((route) => ({ ...route, name: key(route) })))('$name', (route) => {
    it('refuses a stranger, a participant, an operator and any organiser session (cookies are no credential) with 401', async () => {
      const cases: Record<string, string>[] = [
        {},
        { cookie: cookies.participant },
        { cookie: cookies.operator },
        { cookie: cookies.otherOrganiser },
        { cookie: cookies.organiser },
        { authorization: 'Bearer wrong-token-0123456789abcdef' },
      ];
      for (const headers of cases) {
        const response = await request(route, headers);
        expect(response.status).toBe(401);
        expect(await response.json()).toMatchObject({ code: 'unauthorized' });
      }
    });

    it('serves the holder of ADMIN_TOKEN', async () => {
      const response = await request(route, { authorization: `Bearer ${ADMIN_TOKEN}` });
      expect(response.status).toBeLessThan(300);
    });
  });

  describe('what the refused requests did', () => {
    it('imported nothing: only the admin and the event’s organiser reached the import', async () => {
      const imports = under.imports();
      expect(imports.every((eventId) => eventId === ids.event)).toBe(true);
      expect(imports).toHaveLength(1);
    });
  });
}
