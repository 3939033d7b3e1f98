import { afterEach, describe, expect, it } from 'vitest';
import { fakeOrganiserEvents } from '../support/organiser-events.js';
import { ADMIN_TOKEN, csrfIn, organiserWebHarness, type WebHarness } from '../support/organiser-web.js';

// Evaluation runs on an event's organiser page and through the JSON API: opened with a
// form (the CSRF token of the page), listed with their times and counts only, closed
// by hand; every bad field said in the organiser's language, nothing opened.

const harnesses: WebHarness[] = [];
afterEach(async () => void (await Promise.all(harnesses.splice(0).map((h) => h.close()))));

async function setUp(languages: string[] = ['en']) {
  const events = fakeOrganiserEvents();
  const h = await organiserWebHarness({ events });
  harnesses.push(h);
  const organiser = h.staff.add('6101', 'organiser', { pseudonym: 'Mira', languages });
  events.add({ id: 'conf-2026', organiserIds: [organiser.id] });
  const cookie = await h.sessionOf(organiser);
  const page = async () => (await h.fetch('/organiser/events/conf-2026', { headers: { cookie } })).text();
  const post = async (path: string, fields: Record<string, string>, token?: string) =>
    h.fetch(`/organiser/events/conf-2026${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ _csrf: token ?? csrfIn(await page()), ...fields }).toString(),
    });
  return { h, events, page, post, cookie };
}

const runRow = (page: string, id: string) => new RegExp(`<tr data-run="${id}" data-open="(true|false)">([\\s\\S]*?)</tr>`).exec(page);

describe("an event's evaluation runs on its page", () => {
  it('opens a run of the form chosen, with its closing time read in the venue’s time zone and its reminder, and lists it with counts only', async () => {
    const { h, events, page, post, cookie } = await setUp();
    expect(await page()).toContain(h.i18n.t('en', 'organiser:runs.none'));
    const opened = await post('/runs', { form: 'surveys/training-evaluation', closes: '2026-11-21T18:00', remindAfter: '90' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/organiser/events/conf-2026#runs');
    const [run] = (await events.surveyRuns('conf-2026')).runs;
    // 18:00 in Tirana in November is 17:00 UTC.
    expect(run).toMatchObject({ form: 'surveys/training-evaluation', closesAt: new Date('2026-11-21T17:00:00Z'), remindAfter: 90, open: true });
    const row = runRow(await page(), run?.id ?? '')?.[2] ?? '';
    expect(row).toContain(h.i18n.t('en', 'surveys.training-evaluation:title'));
    expect(row).toContain('0 · 0 · 0');
    expect(row).toContain('https://t.me/ura_test_bot?start=sv_K7M3PQ');
    expect(row).toContain(h.i18n.t('en', 'organiser:runs.close'));
    // Its link as a QR code, to print or put on the room's screen.
    const qr = await h.fetch(`/organiser/events/conf-2026/runs/${run?.id}/qr.svg`, { headers: { cookie } });
    expect(qr.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await qr.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('opens one with no closing time and no reminder when those fields are left empty', async () => {
    const { events, post } = await setUp();
    expect((await post('/runs', { form: 'surveys/event-evaluation', closes: '', remindAfter: '' })).status).toBe(303);
    expect((await events.surveyRuns('conf-2026')).runs[0]).toMatchObject({ closesAt: null, remindAfter: null });
  });

  it('says in the organiser’s language what is wrong, and opens nothing', async () => {
    const { h, events, post } = await setUp(['sq']);
    const refused = await post('/runs', { form: 'surveys/event-evaluation', closes: 'tomorrow', remindAfter: 'soon' });
    expect(refused.status).toBe(400);
    const text = await refused.text();
    expect(text).toContain(h.i18n.t('sq', 'organiser:runs.refused'));
    expect(text).toContain(h.i18n.t('sq', 'organiser:runs.problem.closes_unreadable', { value: 'tomorrow' }).replaceAll('"', '&quot;'));
    expect(text).toContain(h.i18n.t('sq', 'organiser:runs.problem.remind_unreadable', { value: 'soon' }).replaceAll('"', '&quot;'));
    const range = await post('/runs', { form: 'surveys/event-evaluation', closes: '', remindAfter: '20000' });
    expect(range.status).toBe(400);
    expect(await range.text()).toContain(h.i18n.t('sq', 'organiser:runs.problem.remind_range', { minutes: '20000', max: '10080' }));
    const unknown = await post('/runs', { form: 'helpline/self-check', closes: '', remindAfter: '' });
    expect(await unknown.text()).toContain(h.i18n.t('sq', 'organiser:runs.problem.unknown_form', { form: 'helpline/self-check' }));
    expect((await events.surveyRuns('conf-2026')).runs).toEqual([]);
  });

  it('closes a run with the page’s token only, and refuses a run the event does not have', async () => {
    const { h, events, page, post } = await setUp();
    await post('/runs', { form: 'surveys/event-evaluation', closes: '', remindAfter: '120' });
    const [run] = (await events.surveyRuns('conf-2026')).runs;
    const id = run?.id ?? '';
    expect((await post(`/runs/${id}/close`, {}, 'forged')).status).toBe(403);
    expect(runRow(await page(), id)?.[1]).toBe('true');
    const closed = await post(`/runs/${id}/close`, {});
    expect(closed.status).toBe(303);
    const row = runRow(await page(), id);
    expect(row?.[1]).toBe('false');
    expect(row?.[2]).not.toContain(h.i18n.t('en', 'organiser:runs.close'));
    const none = await post('/runs/not-a-run/close', {});
    expect(none.status).toBe(404);
    expect(await none.text()).toContain(h.i18n.t('en', 'organiser:runs.not_found'));
  });
});

describe("an event's evaluation runs through the JSON API", () => {
  async function api() {
    const events = fakeOrganiserEvents();
    const h = await organiserWebHarness({ events });
    harnesses.push(h);
    events.add({ id: 'conf-2026', organiserIds: [] });
    const call = (path: string, init: RequestInit = {}) =>
      h.fetch(`/api/events/conf-2026${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...init.headers } });
    return { h, events, call };
  }

  it('opens a run (the reminder after 120 minutes unless told), lists it, and closes it once', async () => {
    const { call } = await api();
    const opened = await call('/runs', { method: 'POST', body: JSON.stringify({ form: 'surveys/event-evaluation', closesAt: '2026-11-21T18:00:00+01:00' }) });
    expect(opened.status).toBe(201);
    const { run } = (await opened.json()) as { run: { id: string; closesAt: string; remindAfter: number } };
    expect(run).toMatchObject({ closesAt: '2026-11-21T17:00:00.000Z', remindAfter: 120 });
    const listed = (await (await call('/runs')).json()) as { runs: { id: string }[]; forms: string[] };
    expect(listed.runs.map((one) => one.id)).toEqual([run.id]);
    expect(listed.forms).toContain('surveys/event-evaluation');
    expect(await (await call(`/runs/${run.id}/close`, { method: 'POST' })).json()).toEqual({ outcome: 'closed' });
    expect(await (await call(`/runs/${run.id}/close`, { method: 'POST' })).json()).toEqual({ outcome: 'already_closed' });
    expect((await call('/runs/nothing/close', { method: 'POST' })).status).toBe(404);
  });

  it('refuses a body it cannot read, and a run the surveys area refuses, with each problem coded and said in English', async () => {
    const { events, call } = await api();
    for (const body of ['{"form":', JSON.stringify({ form: 'surveys/event-evaluation', closesAt: 'tomorrow' }), JSON.stringify({ form: 'surveys/event-evaluation', extra: 1 })]) {
      const refused = await call('/runs', { method: 'POST', body });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { code: string }).code).toBe('bad_request');
    }
    const invalid = await call('/runs', { method: 'POST', body: JSON.stringify({ form: 'surveys/nothing', remindAfter: null }) });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      code: 'invalid_run',
      problems: [{ code: 'unknown_form', form: 'surveys/nothing', message: 'surveys/nothing is not a form an event can be evaluated with.' }],
    });
    expect((await events.surveyRuns('conf-2026')).runs).toEqual([]);
    expect((await (await fetch(`${(await api()).h.base}/api/events/conf-2026/runs`)).json()) as { code: string }).toMatchObject({ code: 'unauthorized' });
  });
});
