import { describe, expect, it } from 'vitest';
import { createBoard, type ControlRefusal } from '../../src/events/index.js';
import { eventRecord, recordingControls, runningCafe } from '../support/board.js';
import { organiserWebHarness } from '../support/organiser-web.js';

const CODE = 'Q2x7vK9mT4bN8cR1sW5yZa';

async function setUp(options: { languages?: string[]; refuse?: ControlRefusal } = {}) {
  const event = eventRecord({ id: 'ev-1', publicCode: CODE, languages: options.languages ?? ['sq', 'en'], names: { sq: 'Konferenca <2026>', en: 'Conference <2026>' } });
  const organisers: string[] = [];
  const controls = recordingControls(() => (options.refuse ? { ok: false, reason: options.refuse } : { ok: true }));
  const h = await organiserWebHarness({
    projector: {
      events: { byPublicCode: async (code) => (code === CODE ? event : undefined), isOrganiser: async (_id, staffId) => organisers.includes(staffId) },
      board: createBoard({ event: async () => event, cafe: async () => runningCafe(new Date('2026-11-20T08:20:00Z')) }),
      controls,
    },
  });
  const mira = h.staff.add('6100', 'organiser', { languages: ['en'] });
  organisers.push(mira.id);
  return { h, controls, cookie: await h.sessionOf(mira) };
}

/** The texts the page's script draws with, by language. */
const textsOf = (page: string): Record<string, Record<string, string>> => JSON.parse(/<script type="application\/json" id="projector-texts">(.*?)<\/script>/s.exec(page)?.[1] ?? '{}');

describe('the projector page', () => {
  it('opens in the language asked for, else the browser’s among the event’s, else the event’s main one; with the texts of each of its languages', async () => {
    const { h } = await setUp();
    const open = async (query: string, acceptLanguage?: string) => (await h.fetch(`/e/${CODE}${query}`, { headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} })).text();
    expect(await open('?lang=en', 'sq')).toContain('<html lang="en">');
    expect(await open('', 'en-GB,en;q=0.9')).toContain('<html lang="en">');
    // Italian is not one of this event's languages: the event's main language.
    expect(await open('?lang=it', 'it')).toContain('<html lang="sq">');
    const page = await open('');
    expect(Object.keys(textsOf(page))).toEqual(['sq', 'en']);
    expect(textsOf(page).en?.round).toBe('Round {{number}} of {{of}}');
    expect(textsOf(page).sq?.round).toBe(h.i18n.t('sq', 'projector:round'));
    expect(page).toContain('aria-pressed="true">shqip</button>');
    await h.close();
  });

  it('serves its own script and stylesheet, and nothing inline that could run', async () => {
    const { h } = await setUp({ languages: ['en'] });
    const response = await h.fetch(`/e/${CODE}`);
    const page = await response.text();
    expect(page).toContain('<script src="/projector/assets/projector.js" defer></script>');
    expect(page).not.toMatch(/<script(?![^>]*(src=|type="application\/json"))/);
    // One language: no switch.
    expect(page).not.toContain('id="languages"');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const asset of ['projector.js', 'projector.css']) expect((await h.fetch(`/projector/assets/${asset}`)).status).toBe(200);
    await h.close();
  });
});

describe('the control view', () => {
  const press = async (h: Awaited<ReturnType<typeof setUp>>['h'], cookie: string, accept: string) => {
    const page = await (await h.fetch(`/e/${CODE}/control`, { headers: { cookie } })).text();
    const csrf = /data-csrf="([^"]+)"/.exec(page)?.[1] ?? '';
    return h.fetch(`/e/${CODE}/control/round_start`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, accept }, body: `_csrf=${encodeURIComponent(csrf)}` });
  };

  it('says why a press changed nothing, in the organiser’s language, to the script (409) and to a plain form (back to the view)', async () => {
    const { h, cookie, controls } = await setUp({ refuse: 'round_running' });
    const scripted = await press(h, cookie, 'application/json');
    expect(scripted.status).toBe(409);
    expect(await scripted.json()).toEqual({ ok: false, message: 'A round is running already.' });
    const plain = await press(h, cookie, 'text/html');
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/e/${CODE}/control?refused=round_running`);
    const view = await (await h.fetch(`/e/${CODE}/control?refused=round_running`, { headers: { cookie } })).text();
    expect(view).toContain('<p class="problem">A round is running already.</p>');
    // A made-up reason in the address shows nothing.
    expect(await (await h.fetch(`/e/${CODE}/control?refused=%3Cb%3E`, { headers: { cookie } })).text()).not.toContain('class="problem"');
    expect(controls.presses.map((entry) => entry.action.kind)).toEqual(['round_start', 'round_start']);
    await h.close();
  });

  it('links the projector page and the event’s page, and offers the round’s buttons', async () => {
    const { h, cookie } = await setUp();
    const view = await (await h.fetch(`/e/${CODE}/control`, { headers: { cookie } })).text();
    expect(view).toContain(`href="/e/${CODE}"`);
    expect(view).toContain('href="/organiser/events/ev-1"');
    for (const action of ['round_start', 'round_pause', 'round_resume', 'round_extend', 'round_end']) expect(view).toContain(`action="/e/${CODE}/control/${action}"`);
    expect(view).toContain('<html lang="en">');
    await h.close();
  });
});
