import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot } from 'grammy';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationForms } from '../../src/surveys/index.js';
import { organiserEvents } from '../../src/compose-organiser-events.js';
import { surveyRunsOver } from '../../src/compose-surveys.js';
import { loadAreaFlows } from '../../src/flow-actions.js';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import { createEventStore } from '../../src/storage/event-repository.js';
import { testConfig } from '../support/config.js';
import type { EventRecord, Events } from '../../src/events/index.js';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { createOrganiserSignIn } from '../../src/staff/organiser-sign-in.js';
import { createDutyRepository, createOperatorRepository } from '../../src/storage/operator-repository.js';
import { createOrganiserSessionRepository } from '../../src/storage/organiser-session-repository.js';
import { createApp } from '../../src/transport/http/app.js';
import type { OrganiserEvents } from '../../src/transport/http/organiser-events.js';
import { organiserWeb } from '../../src/transport/http/organiser-web.js';
import type { UraContext } from '../../src/transport/telegram/context.js';
import { organiserComposer } from '../../src/transport/telegram/organiser-console.js';
import { disabledBot } from '../../src/transport/telegram/bot-service.js';
import { staffLookup } from '../../src/transport/telegram/staff-lookup.js';
import { recordBotApi, TEST_BOT_INFO } from '../support/bot-api.js';
import { sqliteDatabase, type TestDatabase } from '../support/database.js';
import { eventsOn } from '../support/events.js';
import { command } from '../support/updates.js';

/** Debian's Chromium; never a downloaded browser. .ci/run installs it when it is missing. */
const CHROMIUM = '/usr/bin/chromium';
const SKIP_REASON = `${CHROMIUM} is missing: the browser tests are skipped (.ci/run installs Debian's chromium package)`;
const skip = !existsSync(CHROMIUM);
if (skip) console.warn(SKIP_REASON);

/** The events area over the test database, behind the pages as main.ts puts it; the entrance code a fixed stand-in (the area's own is the chat's). */
function eventsUnderTest(db: TestDatabase, clock: { now(): Date }): { events: Events; web: OrganiserEvents } {
  const events = eventsOn(db.db.prisma, clock);
  const { catalog } = loadAreaFlows();
  const web = organiserEvents({
    events,
    botUsername: () => TEST_BOT_INFO.username,
    entranceCode: async () => ({ code: '4821', validUntil: new Date(clock.now().getTime() + 10 * 60_000) }),
    surveyRuns: {
      runs: surveyRunsOver({ prisma: db.db.prisma, catalog, events, eventStore: createEventStore(db.db.prisma), identity: createIdentityProtector(testConfig().secrets), i18n: createI18n(), clock }),
      forms: evaluationForms(catalog),
      link: (code) => `https://t.me/${TEST_BOT_INFO.username}?start=sv_${code}`,
    },
  });
  return { events, web };
}

const ORGANISER = 6100;
/** Ura's texts, for what the pages show. */
const texts = createI18n();
const BAD_LIST = [
  'name,organisation,org_type,region,contact',
  'Arta Krasniqi,Ministria e Brendshme,central_gov,tirane,',
  'Besa Leka,Qendra Vatra,charity,vlore,',
  'Ilir Gashi,Bashkia Fier,local_gov,fier,',
].join('\n');

describe.skipIf(skip)('the organiser pages in Chromium', () => {
  let test: TestDatabase;
  let server: Server;
  let browser: Browser;
  let base = '';
  let events: Events;
  let web: OrganiserEvents;
  let conference: EventRecord;
  let bot: Bot<UraContext>;
  let api: ReturnType<typeof recordBotApi>;

  beforeAll(async () => {
    test = await sqliteDatabase();
    const clock = { now: () => new Date() };
    const logger = createLogger('silent');
    const i18n = createI18n();
    const operators = createOperatorRepository(test.db.prisma);
    await operators.add({ id: 'staff-mira', telegramId: String(ORGANISER), pseudonym: 'Mira', role: 'organiser', languages: ['en'], skills: [], createdAt: clock.now() });
    const signIn = createOrganiserSignIn({ store: createOrganiserSessionRepository(test.db.prisma), staff: operators, clock });
    ({ events, web } = eventsUnderTest(test, clock));
    const created = await events.create({
      names: { sq: 'Konferenca kombëtare 2026', en: 'National conference 2026' },
      startsOn: clock.now().toISOString().slice(0, 10),
      templateId: 'annual-conference',
      venue: 'Tiranë',
    });
    if (created.kind !== 'created') throw new Error(JSON.stringify(created.problems));
    conference = created.event;
    await events.addOrganiser(conference.id, 'staff-mira');
    const app = createApp({
      logger,
      health: {
        database: async () => ({ provider: 'sqlite', reachable: true, pendingMigrations: [] }),
        bot: () => disabledBot.status(),
        clock,
        startedAt: clock.now(),
        version: '0.0.0',
        adminToken: undefined,
      },
      organiserWeb: organiserWeb({ signIn, events: web, i18n, clock, timeZone: 'Europe/Tirane', publicUrl: undefined, adminToken: undefined, logger }),
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    bot = new Bot<UraContext>('123:TEST', { botInfo: TEST_BOT_INFO });
    api = recordBotApi(bot);
    bot.use(async (ctx, next) => {
      ctx.lang = 'en';
      await next();
    });
    bot.use(organiserComposer({ staffOf: staffLookup(createDutyRepository(test.db.prisma, test.db.sql).dutyOf), signIn, webUrl: () => base, i18n, logger }));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await test?.dispose();
  });

  /** Everything the browser complained about: script errors and refused resources (a CSP violation is logged as an error). */
  const complaintsOf = (page: Page) => {
    const complaints: string[] = [];
    page.on('console', (message) => {
      // The refused list is answered 400 on purpose (nothing was imported): the one failure expected.
      const refusedList = message.location().url.endsWith('/invites') && message.text().includes('400');
      if (message.type() === 'error' && !refusedList) complaints.push(`${message.text()} ${message.location().url}`);
    });
    page.on('pageerror', (error) => void complaints.push(error.message));
    return complaints;
  };

  it('signs in by the bot’s link, shows an invite list’s bad row, imports nothing, then the fixed list and the profile', async () => {
    await bot.handleUpdate(command('web', '', { userId: ORGANISER, languageCode: 'en' }));
    const link = /(http:\/\/127\.0\.0\.1:\d+\/organiser\/signin\?t=[A-Za-z0-9_-]+)/.exec(api.texts().at(-1) ?? '')?.[1];
    expect(link).toBeDefined();

    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const complaints = complaintsOf(page);
    await page.goto(link ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/organiser`);
    // The session goes to the organiser pages and the projector's control views, and nowhere else.
    const cookies = await context.cookies();
    expect(cookies.map((cookie) => cookie.path).sort()).toEqual(['/e', '/organiser']);
    for (const cookie of cookies) expect(cookie).toMatchObject({ name: 'ura_organiser', httpOnly: true, sameSite: 'Strict' });
    expect(new Set(cookies.map((cookie) => cookie.value)).size).toBe(1);

    await page.getByRole('link', { name: 'National conference 2026' }).click();
    await page.waitForURL(`${base}/organiser/events/${conference.id}`);
    await expect.poll(() => page.locator('.qr img').evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-entrance-code]').textContent()).toBe('4821');

    const upload = async (text: string) => {
      await page.locator('input[type=file]').setInputFiles({ name: 'invites-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
      await page.getByRole('button', { name: 'Upload' }).click();
    };
    await upload(BAD_LIST);
    const problem = page.locator('#upload-result table.problems tbody tr');
    await expect.poll(() => problem.count()).toBe(1);
    expect(await problem.locator('td').allTextContents()).toEqual(['3', 'org_type', 'charity', 'one of central_gov, local_gov, ngo, international, staff, other']);
    expect(await page.locator('#upload-result').textContent()).toContain('Nothing was imported');
    expect(await web.registrations(conference.id)).toEqual([]);
    expect(await events.roster(conference.id)).toEqual([]);
    expect(await page.locator('table[data-profile="org_type"] tbody tr').count()).toBe(0);

    await upload(BAD_LIST.replace('charity', 'ngo'));
    await expect.poll(() => page.locator('#upload-result .ok').textContent()).toBe('Invitations imported: 3.');
    const typeRows = page.locator('table[data-profile="org_type"] tbody tr');
    await expect.poll(() => typeRows.count()).toBe(3);
    expect(await typeRows.nth(0).locator('th, td').allTextContents()).toEqual(['Central government', '1', '1', '0', '0', '0.0', '–']);
    expect(await page.locator('table[data-profile="org_type"] tfoot td').first().textContent()).toBe('3');

    // A participant registers in the chat as a walk-in and checks in at the venue: the page shows it by itself.
    const drita = await events.participants.registerWalkIn(
      conference,
      { name: 'Drita Hoxha', organisation: 'Qendra Vatra', orgType: 'ngo', region: 'vlore' },
      { telegramId: 6200, chatId: 6200, language: 'sq' },
    );
    if (drita.kind !== 'registered') throw new Error(drita.kind);
    expect(await events.participants.checkIn(conference, drita.participant.id, 1, 'chat_code')).toBe(true);
    await expect.poll(() => page.locator('table.registrations').textContent(), { timeout: 15_000 }).toContain('Drita Hoxha');
    expect(await page.locator('#live').textContent()).toContain('1 registered, 1 checked in');
    // Her row: a walk-in, registered and checked in at the times the chat recorded (the page's clock, in Tirana).
    const dritaRow = page.locator('table.registrations tbody tr', { hasText: 'Drita Hoxha' });
    const cells = await dritaRow.locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['Drita Hoxha walk-in', 'Qendra Vatra', 'Non-governmental organisation', 'Vlorë']);
    expect(cells.slice(4)).toEqual([expect.stringMatching(/^\d\d:\d\d$/), expect.stringMatching(/^\d\d:\d\d$/)]);

    // An evaluation run, opened with the page's form (a closing time typed in the browser's date picker) and closed by its button.
    await page.getByLabel('Form').selectOption({ label: texts.t('en', 'surveys.training-evaluation:title') });
    await page.getByLabel(/^Closes at/).fill('2030-06-20T18:00');
    await page.getByLabel(/^Reminder/).fill('45');
    await page.getByRole('button', { name: 'Open the run' }).click();
    await page.waitForURL(`${base}/organiser/events/${conference.id}#runs`);
    const runRow = page.locator('table.runs tbody tr');
    expect(await runRow.count()).toBe(1);
    expect(await runRow.getAttribute('data-open')).toBe('true');
    expect(await runRow.textContent()).toContain(texts.t('en', 'surveys.training-evaluation:title'));
    const [stored] = await test.db.prisma.surveyRun.findMany({ where: { scope: conference.id } });
    // 18:00 in Tirana in June is 16:00 UTC.
    expect(stored).toMatchObject({ flowId: 'surveys/training-evaluation', closesAt: new Date('2030-06-20T16:00:00Z'), remindAfter: 45 });
    await page.getByRole('button', { name: 'Close now' }).click();
    await page.waitForURL(`${base}/organiser/events/${conference.id}#runs`);
    expect(await page.locator('table.runs tbody tr').getAttribute('data-open')).toBe('false');

    expect(complaints).toEqual([]);
    await context.close();
  }, 60_000);

  it('sends a browser without a session to the way in, and shows nothing of the event', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/organiser/events/${conference.id}`);
    expect(page.url()).toBe(`${base}/organiser/signin?next=${encodeURIComponent(`/organiser/events/${conference.id}`)}`);
    const text = await page.locator('body').textContent();
    expect(text).toContain('/web');
    expect(text).not.toContain('National conference 2026');
    await context.close();
  }, 30_000);
});
