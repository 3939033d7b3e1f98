import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createI18n } from '../../src/i18n/index.js';
import { createOrganiserSignIn, type OrganiserSession, type OrganiserSessionStore, type SignInLink } from '../../src/staff/organiser-sign-in.js';
import type { Operator, OperatorRole, OperatorStore } from '../../src/staff/operators.js';
import { createLogger } from '../../src/shared/logger.js';
import { createApp } from '../../src/transport/http/app.js';
import type { OrganiserEvents } from '../../src/transport/http/organiser-events.js';
import { isHttps, organiserWeb } from '../../src/transport/http/organiser-web.js';
import { projectorWeb, type ProjectorWebDeps } from '../../src/transport/http/projector-web.js';
import { disabledBot } from '../../src/transport/telegram/bot-service.js';
import { fakeClock, type FakeClock } from './clock.js';
import { fakeOrganiserEvents } from './organiser-events.js';

export const ADMIN_TOKEN = 'admin-token-0123456789abcdef';

/** Sign-in links and sessions in memory, with the same one-time rule as the repository. */
export function memoryOrganiserSessions(): OrganiserSessionStore & { links: SignInLink[]; sessions: OrganiserSession[] } {
  const links: SignInLink[] = [];
  const sessions: OrganiserSession[] = [];
  return {
    links,
    sessions,
    addLink: async (link) => void links.push({ ...link }),
    linkByHash: async (tokenHash) => links.find((link) => link.tokenHash === tokenHash),
    async redeem(tokenHash, session, at) {
      const link = links.find((candidate) => candidate.tokenHash === tokenHash && candidate.usedAt === null && candidate.expiresAt > at);
      if (!link) return false;
      link.usedAt = at;
      sessions.push({ ...session });
      return true;
    },
    session: async (idHash) => sessions.find((session) => session.idHash === idHash),
    setLanguage: async (idHash, language) => void sessions.filter((session) => session.idHash === idHash).forEach((session) => (session.language = language)),
    end: async (idHash) => void sessions.splice(0, sessions.length, ...sessions.filter((session) => session.idHash !== idHash)),
    async purge(at) {
      links.splice(0, links.length, ...links.filter((link) => link.expiresAt > at));
      sessions.splice(0, sessions.length, ...sessions.filter((session) => session.expiresAt > at));
    },
  };
}

/** Staff in memory: enough of the operator store for signing in. */
export function memoryStaff(): Pick<OperatorStore, 'byTelegramId' | 'find'> & { add(telegramId: string, role: OperatorRole, extra?: Partial<Operator>): Operator; remove(id: string): void } {
  const staff: Operator[] = [];
  return {
    add(telegramId, role, extra = {}) {
      const member: Operator = { id: `staff-${telegramId}`, telegramId, pseudonym: null, role, languages: ['sq', 'en'], skills: [], createdAt: new Date('2026-01-01T00:00:00Z'), ...extra };
      staff.push(member);
      return member;
    },
    remove: (id) => void staff.splice(0, staff.length, ...staff.filter((member) => member.id !== id)),
    byTelegramId: async (telegramId) => staff.find((member) => member.telegramId === telegramId),
    find: async (ref) => staff.find((member) => member.id === ref || member.telegramId === ref),
  };
}

export interface WebHarnessOptions {
  events?: OrganiserEvents;
  adminToken?: string | null;
  publicUrl?: string;
  clock?: FakeClock;
  /** The projector pages too, over these events, board and controls (signed in as on the organiser pages). */
  projector?: Pick<ProjectorWebDeps, 'events' | 'board' | 'controls' | 'feed'>;
}

/** Ura's web side (health, organiser pages and API) on a random port, with in-memory staff, sessions and events. */
export async function organiserWebHarness(options: WebHarnessOptions = {}) {
  const clock = options.clock ?? fakeClock('2026-11-20T08:00:00Z');
  const staff = memoryStaff();
  const store = memoryOrganiserSessions();
  const signIn = createOrganiserSignIn({ store, staff, clock });
  const events = options.events ?? fakeOrganiserEvents();
  const logger = createLogger('silent');
  const i18n = createI18n();
  const adminToken = options.adminToken === null ? undefined : (options.adminToken ?? ADMIN_TOKEN);
  const projector = options.projector ? projectorWeb({ ...options.projector, signIn, i18n, clock, logger }) : undefined;
  const app = createApp({
    logger,
    health: { database: async () => ({ provider: 'sqlite', reachable: true, pendingMigrations: [] }), bot: () => disabledBot.status(), clock, startedAt: clock.now(), version: '0.0.0', adminToken },
    organiserWeb: organiserWeb({ signIn, events, i18n, clock, timeZone: 'Europe/Tirane', publicUrl: options.publicUrl, adminToken, logger }),
    ...(projector ? { projectorWeb: projector.routes } : {}),
    https: isHttps(options.publicUrl),
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** Signs a staff member in through a link, as the bot and the browser would; returns the session cookie. */
  async function sessionOf(member: Operator): Promise<string> {
    const wasRole = member.role;
    // A session exists only for an organiser; for other kinds it is made as one and the role changed after.
    const organiser = wasRole === 'organiser' ? member : { ...member, role: 'organiser' as const };
    staff.remove(member.id);
    staff.add(member.telegramId, organiser.role, organiser);
    const link = await signIn.issue(member.telegramId);
    if (link === 'not_organiser') throw new Error('no link');
    const outcome = await signIn.signIn(link.token);
    if (typeof outcome !== 'object') throw new Error(outcome);
    staff.remove(member.id);
    staff.add(member.telegramId, wasRole, member);
    return `ura_organiser=${outcome.sessionId}`;
  }

  return {
    base,
    clock,
    staff,
    store,
    signIn,
    events,
    i18n,
    sessionOf,
    fetch: (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { redirect: 'manual', ...init }),
    close: () =>
      new Promise<void>((resolve) => {
        projector?.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type WebHarness = Awaited<ReturnType<typeof organiserWebHarness>>;

/** The CSRF token a page carries (in its forms), for a request made as that page would. */
export const csrfIn = (page: string): string => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
