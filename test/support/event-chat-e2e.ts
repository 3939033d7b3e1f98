import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { entranceCodeAt } from '../../src/events/index.js';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import { wallClock } from '../../src/shared/zone.js';
import { localeText } from '../e2e/helpline-support.js';
import type { Person as InvitedPerson } from './conference-2006.js';
import type { EmulatedUser, Harness, Reply } from './emulator.js';
import { runUra, type UraRun } from './ura-process.js';

/**
 * What the end-to-end tests of events share: `ura ...` on the database the running Ura
 * uses, today's date in Tirana, and a participant's way through the chat (the deep
 * link, the language, registration from the list or as a walk-in, the entrance code).
 * Nothing here measures time; the timeouts only bound a stuck run.
 */
export const STEP_MS = 60_000;

export type ChatLanguage = 'sq' | 'en';
type Vars = Record<string, string | number>;

/** A text of the events namespace (`events`, `events.cafe`, `events.voting`) in a language. */
export const eventsText = (language: ChatLanguage, key: string, vars?: Vars, namespace = 'events') => localeText(language, namespace, key, vars);

/** `ura ...` in Ura's own directory, on the database the running Ura uses. */
export const uraIn = (dir: string, args: string[]): Promise<UraRun> => runUra(args, { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, APP_TIMEZONE: 'Europe/Tirane', LOG_LEVEL: 'silent' } });

/** Today in Tirana, YYYY-MM-DD. */
export const todayInTirana = (): string => {
  const clock = wallClock(new Date(), 'Europe/Tirane');
  return `${clock.year}-${String(clock.month).padStart(2, '0')}-${String(clock.day).padStart(2, '0')}`;
};

/** A walk-in: a new organisation (its type and region asked), or one on the list (its type known). */
export interface WalkIn {
  name: string;
  organisation: string;
  orgType?: string;
  region: string;
}

/** The entrance code shown at the door now, as Ura computes it from the pepper in its data directory. */
export function entranceCodeNow(harness: Harness, eventId: string): string {
  const { ID_PEPPER } = JSON.parse(readFileSync(join(harness.dir, 'data', 'secrets.json'), 'utf8')) as { ID_PEPPER: string };
  const identity = createIdentityProtector({ dataKey: Buffer.alloc(32), idPepper: ID_PEPPER });
  return entranceCodeAt((message) => identity.hashId('entrance', message), eventId, new Date()).code;
}

/** The steps of registration in the chat, for an event with these names and join code. */
export function registrationSteps(event: { joinCode: string; names: Record<ChatLanguage, string> }) {
  /** The one message the bot answers an action with. */
  const next = async (user: EmulatedUser): Promise<Reply> => (await user.waitForReplies(1, STEP_MS)).at(-1)!;
  const pressText = async (user: EmulatedUser, reply: Reply, text: string): Promise<Reply> => {
    const button = reply.buttons.find((candidate) => candidate.text === text);
    if (!button) throw new Error(`chat ${user.userId}: no button "${text}" under "${reply.text}" (${reply.buttons.map((b) => b.text).join(', ')})`);
    await user.press(button.data);
    return next(user);
  };

  async function joinIn(user: EmulatedUser, language: ChatLanguage): Promise<Reply> {
    await user.sendCommand(`start ev_${event.joinCode}`);
    const welcome = await next(user);
    expect(welcome.text).toBe(`${eventsText(language, 'chat.welcome', { event: event.names[language] })}\n\n${eventsText(language, 'chat.language.prompt')}`);
    return pressText(user, welcome, eventsText(language, `chat.language.names.${language}`));
  }

  async function fromTheList(user: EmulatedUser, person: InvitedPerson, language: ChatLanguage): Promise<Reply> {
    const t = (key: string, vars?: Vars) => eventsText(language, key, vars);
    let reply = await pressText(user, await joinIn(user, language), t('chat.path.list'));
    reply = await pressText(user, reply, person.organisation.charAt(0));
    while (!reply.buttons.some((button) => button.text === person.organisation)) reply = await pressText(user, reply, t('chat.buttons.next'));
    reply = await pressText(user, reply, person.organisation);
    while (!reply.buttons.some((button) => button.text === person.name)) reply = await pressText(user, reply, t('chat.buttons.next'));
    reply = await pressText(user, reply, person.name);
    expect(reply.text).toContain(t('chat.card.name', { name: person.name }));
    return reply;
  }

  async function walkIn(user: EmulatedUser, person: WalkIn, language: ChatLanguage): Promise<Reply> {
    const t = (key: string, vars?: Vars) => eventsText(language, key, vars);
    let reply = await pressText(user, await joinIn(user, language), t('chat.path.walk_in'));
    expect(reply.text).toBe(t('chat.name.prompt'));
    await user.sendText(person.name);
    expect((await next(user)).text).toBe(t('chat.organisation.prompt'));
    await user.sendText(person.organisation);
    reply = await next(user);
    if (person.orgType && reply.text === t('chat.org_type.prompt')) reply = await pressText(user, reply, t(`orgTypes.${person.orgType}`));
    expect(reply.text).toBe(t('chat.region.prompt'));
    reply = await pressText(user, reply, t(`regions.${person.region}`));
    expect(reply.text).toContain(t('chat.card.name', { name: person.name }));
    return reply;
  }

  /** Types the entrance code; checked in on day 1, or day 2 should the run cross midnight in Tirana. */
  async function checkIn(user: EmulatedUser, code: string, language: ChatLanguage): Promise<void> {
    await user.sendText(code);
    const checkedIn = await next(user);
    expect([1, 2].map((day) => eventsText(language, 'chat.checked_in', { day, event: event.names[language] }))).toContain(checkedIn.text);
  }

  return { next, pressText, joinIn, fromTheList, walkIn, checkIn };
}

/** A chat's messages so far, for an error: what went wrong in which conversation. */
export function transcriptError(harness: Harness, userId: number, error: unknown): Error {
  const transcript = harness.emulator!.historyOf(userId).map((reply) => `${reply.text.slice(0, 90)} [${reply.buttons.map((b) => b.data).join(' ')}]`);
  return new Error(`chat ${userId}: ${error instanceof Error ? error.message : String(error)}\n${transcript.join('\n')}`);
}

/** Reads the SQLite database of Ura running in `dir` (as an auditor would), closing it at once. */
export function readUraDatabase<T>(dir: string, query: (db: Database.Database) => T): T {
  const db = new Database(join(dir, 'data', 'ura.db'), { readonly: true, fileMustExist: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

/**
 * Waits until the outbox of Ura running in `dir` has handed every message to Telegram
 * and recorded it so. A crash in the instant between Telegram taking a message and Ura
 * recording it sends that message again after the restart (the outbox delivers at least
 * once); tests that restart Ura do it at such a quiet moment.
 */
export async function outboxSettled(dir: string): Promise<void> {
  const deadline = Date.now() + STEP_MS;
  const waiting = () => readUraDatabase(dir, (db) => (db.prepare(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status = 'pending'`).get() as { n: number }).n);
  while (waiting() > 0) {
    if (Date.now() > deadline) throw new Error(`${waiting()} messages still wait in the outbox`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
