import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard } from '../../src/events/index.js';
import { eventRecord, fakeBoardParts, handsPoll, recordingControls, runningCafe } from '../support/board.js';
import { organiserWebHarness, type WebHarness } from '../support/organiser-web.js';

/** Debian's Chromium; never a downloaded browser. .ci/run installs it when it is missing. */
const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM);
if (skip) console.warn(`${CHROMIUM} is missing: the projector's browser test is skipped (.ci/run installs Debian's chromium package)`);

const CODE = 'Q2x7vK9mT4bN8cR1sW5yZa';
const FIVE_MINUTES = 5 * 60_000;

/** m:ss as the page's timer shows it, in seconds. */
const secondsOf = (face: string | null) => {
  const [minutes, seconds] = (face ?? '').split(':').map(Number);
  return (minutes ?? 0) * 60 + (seconds ?? 0);
};

/** The font size an element is drawn with, in pixels (the tests' types have no DOM: the browser's own function, by name). */
const fontSizeOf = (locator: Locator) =>
  locator.evaluate((element) => Number.parseFloat((globalThis as unknown as { getComputedStyle(element: unknown): { fontSize: string } }).getComputedStyle(element).fontSize));

describe.skipIf(skip)('the projector page in Chromium', () => {
  let h: WebHarness;
  let browser: Browser;
  let state: ReturnType<typeof fakeBoardParts>['state'];
  const controls = recordingControls();
  const organisers: string[] = [];

  beforeAll(async () => {
    // The server's clock is fixed and hours away from the browser's: the page counts down against the server's time, whatever the laptop says.
    const event = eventRecord({ id: 'ev-1', publicCode: CODE });
    const fake = fakeBoardParts(event, undefined, [handsPoll(3, 1)]);
    state = fake.state;
    h = await organiserWebHarness({
      projector: {
        events: { byPublicCode: async (code) => (code === CODE ? event : undefined), isOrganiser: async (_id, staffId) => organisers.includes(staffId) },
        board: createBoard(fake.parts),
        controls,
        feed: { pollMs: 500 },
      },
    });
    state.cafe = runningCafe(new Date(h.clock.now().getTime() + FIVE_MINUTES));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  /** Script errors and refused resources (a CSP violation is logged as an error). */
  const complaintsOf = (page: Page) => {
    const complaints: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && complaints.push(`${message.text()} ${message.location().url}`)));
    page.on('pageerror', (error) => void complaints.push(error.message));
    return complaints;
  };

  it('shows the round and a large timer counting down, the tables by first name, and a poll’s new counts without a reload', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const complaints = complaintsOf(page);
    await page.goto(`${h.base}/e/${CODE}`);

    await expect.poll(() => page.locator('#round-number').textContent(), { timeout: 15_000 }).toBe('Round 2 of 3');
    expect(await page.locator('#question').textContent()).toBe('What works in referring victims?');
    expect(await page.locator('#event-name').textContent()).toBe('National conference 2026');
    const timer = page.locator('#timer');
    const first = secondsOf(await timer.textContent());
    expect(first).toBeGreaterThan(4 * 60);
    expect(first).toBeLessThanOrEqual(5 * 60);
    await expect.poll(async () => secondsOf(await timer.textContent()), { timeout: 15_000 }).toBeLessThan(first);
    // Large: the timer is the biggest thing on the screen.
    const timerSize = await fontSizeOf(timer);
    const questionSize = await fontSizeOf(page.locator('#question'));
    expect(timerSize).toBeGreaterThan(2 * questionSize);

    const firstTable = page.locator('#table-map li.table').first();
    expect(await firstTable.locator('h3').textContent()).toBe('Table 1');
    expect(await firstTable.locator('.host').textContent()).toBe('Host: Drita');
    expect(await page.locator('body').textContent()).not.toContain('Hoxha');

    const counts = page.locator('[data-poll="poll-hands"] .bar-count');
    expect(await counts.allTextContents()).toEqual(['3 (75%)', '1 (25%)']);
    expect(await page.locator('[data-poll="poll-hands"] .voters').textContent()).toBe('Voted: 4 of 20 checked in (20%)');
    // Votes recorded elsewhere (another process, the database): the page shows them by itself.
    state.polls = [handsPoll(9, 2)];
    await expect.poll(() => counts.allTextContents(), { timeout: 15_000 }).toEqual(['9 (82%)', '2 (18%)']);
    expect(await page.locator('[data-poll="poll-hands"] .voters').textContent()).toBe('Voted: 11 of 20 checked in (55%)');

    // The other language of the event, by its button.
    await page.getByRole('button', { name: 'shqip' }).click();
    expect(await page.locator('#round-number').textContent()).toBe('Raundi 2 nga 3');
    expect(await page.locator('#question').textContent()).toBe('Çfarë funksionon në referimin e viktimave?');

    expect(complaints).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows paused while the round is paused, and lets the event’s organiser pause it from the control view', async () => {
    const mira = h.staff.add('6100', 'organiser', { languages: ['en'] });
    organisers.push(mira.id);
    const session = (await h.sessionOf(mira)).split('=')[1] ?? '';
    const context = await browser.newContext({ locale: 'en-GB' });
    await context.addCookies([{ name: 'ura_organiser', value: session, domain: '127.0.0.1', path: '/e', httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    const complaints = complaintsOf(page);
    await page.goto(`${h.base}/e/${CODE}/control`);
    await expect.poll(() => page.locator('#round-number').textContent(), { timeout: 15_000 }).toBe('Round 2 of 3');
    expect(await page.getByRole('button', { name: 'Resume' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.locator('#control-result').textContent(), { timeout: 15_000 }).toBe('Done.');
    expect(controls.presses).toEqual([{ eventId: 'ev-1', action: { kind: 'round_pause' }, by: mira.id }]);

    // The rounds' use-case paused it: the board says so, with the time that was left.
    const cafe = runningCafe(new Date(h.clock.now().getTime() + FIVE_MINUTES));
    state.cafe = { ...cafe, round: { ...cafe.round!, status: 'paused', endsAt: null, remainingMs: 95_000 } };
    await expect.poll(() => page.locator('#timer').textContent(), { timeout: 15_000 }).toBe('1:35 · Paused');
    expect(await page.getByRole('button', { name: 'Resume' }).isDisabled()).toBe(false);
    expect(complaints).toEqual([]);
    await context.close();
  }, 60_000);
});
