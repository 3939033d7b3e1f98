import { afterEach, describe, expect, it } from 'vitest';
import { fakeOrganiserEvents } from '../support/organiser-events.js';
import { ADMIN_TOKEN, organiserWebHarness, type WebHarness } from '../support/organiser-web.js';

const harnesses: WebHarness[] = [];
afterEach(async () => void (await Promise.all(harnesses.splice(0).map((h) => h.close()))));
const asAdmin = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function setUp(adminToken?: null) {
  const events = fakeOrganiserEvents();
  const h = await organiserWebHarness({ events, ...(adminToken === null ? { adminToken } : {}) });
  harnesses.push(h);
  events.add({ id: 'conf-2026', organiserIds: ['staff-1'] });
  events.add({ id: 'committee-fier', organiserIds: ['staff-2'], names: { sq: 'Komiteti rajonal Fier' }, joinCode: 'FIER01' });
  events.register('conf-2026', { name: 'Arta Krasniqi', organisation: 'Ministria', orgType: 'central_gov', region: 'tirane', invited: true, registeredAt: h.clock.now(), checkedInAt: h.clock.now() });
  return { h, events };
}

const CSV = 'name,organisation,org_type,region\nArta,Ministria,central_gov,tirane\nBesa,Vatra,ngo,vlorë\n';

describe('the JSON API', () => {
  it('lists every event and shows one, without its organisers’ staff ids', async () => {
    const { h } = await setUp();
    const list = (await (await h.fetch('/api/events', { headers: asAdmin })).json()) as { events: { id: string }[] };
    expect(list.events.map((event) => event.id)).toEqual(['conf-2026', 'committee-fier']);
    const one = await h.fetch('/api/events/conf-2026', { headers: asAdmin });
    expect(one.status).toBe(200);
    const body = await one.json();
    expect(body).toMatchObject({ id: 'conf-2026', joinCode: 'CONF26', joinLink: 'https://t.me/ura_test_bot?start=ev_CONF26' });
    expect(body).not.toHaveProperty('organiserIds');
    expect(one.headers.get('cache-control')).toBe('no-store');
  });

  it('gives registrations and the profile by type or by region', async () => {
    const { h } = await setUp();
    const registrations = (await (await h.fetch('/api/events/conf-2026/registrations', { headers: asAdmin })).json()) as { registrations: unknown[] };
    expect(registrations.registrations).toMatchObject([{ name: 'Arta Krasniqi', orgType: 'central_gov' }]);
    const byType = (await (await h.fetch('/api/events/conf-2026/profile', { headers: asAdmin })).json()) as { rows: unknown[]; total: unknown };
    expect(byType.rows).toMatchObject([{ orgType: 'central_gov', participants: 1, pctOfInvited: 100 }]);
    expect(byType.total).toMatchObject({ participants: 1 });
    const byRegion = (await (await h.fetch('/api/events/conf-2026/profile?by=region', { headers: asAdmin })).json()) as { rows: unknown[] };
    expect(byRegion.rows).toMatchObject([{ region: 'tirane' }]);
    const wrong = await h.fetch('/api/events/conf-2026/profile?by=colour', { headers: asAdmin });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: 'bad_request', message: expect.any(String) });
    expect(await (await h.fetch('/api/events/conf-2026/entrance-code', { headers: asAdmin })).json()).toMatchObject({ code: '4821' });
  });

  it('gives the evaluation report in the format asked for, and refuses an unknown form, format or language with a reason', async () => {
    const { h } = await setUp();
    const html = await h.fetch('/api/events/conf-2026/evaluation?format=html&lang=en,sq', { headers: asAdmin });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toBe('evaluation of conf-2026 (surveys/event-evaluation, html, en,sq)');
    const xlsx = await h.fetch('/api/events/conf-2026/evaluation?format=xlsx&lang=sq', { headers: asAdmin });
    expect(xlsx.headers.get('content-disposition')).toContain('attachment; filename=evaluation.xlsx');
    const form = await h.fetch('/api/events/conf-2026/evaluation?form=surveys/service-feedback', { headers: asAdmin });
    expect(form.status).toBe(400);
    expect(await form.json()).toMatchObject({ code: 'unknown_form', forms: ['surveys/event-evaluation'] });
    for (const query of ['format=docx', 'lang=sq,sq', 'lang=de', 'lang=sq,en,it']) {
      const refused = await h.fetch(`/api/events/conf-2026/evaluation?${query}`, { headers: asAdmin });
      expect({ query, status: refused.status }).toEqual({ query, status: 400 });
      expect(await refused.json()).toMatchObject({ code: 'bad_request', message: expect.any(String) });
    }
    expect((await h.fetch('/api/events/conf-2026/evaluation')).status).toBe(401);
  });

  it('imports an invite list sent as the body, and on a bad row answers 400 with every problem and imports nothing', async () => {
    const { h, events } = await setUp();
    const post = (body: string, query = '') => h.fetch(`/api/events/conf-2026/invites${query}`, { method: 'POST', headers: { ...asAdmin, 'content-type': 'text/csv' }, body });
    const refused = await post(CSV, '?name=list.csv');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      code: 'invalid_rows',
      message: expect.stringContaining('nothing was imported'),
      problems: [
        {
          row: 3,
          column: 'region',
          value: 'vlorë',
          expected: expect.stringMatching(/^one of the 12 counties \(berat, .*\), national or international$/),
          code: 'region',
          values: { counties: expect.any(String) },
        },
      ],
    });
    expect(await events.registrations('conf-2026')).toHaveLength(1);
    expect(events.imports.at(-1)).toMatchObject({ name: 'list.csv' });

    const imported = await post(CSV.replace('vlorë', 'vlore'));
    expect(imported.status).toBe(200);
    expect(await imported.json()).toEqual({ imported: 2, skipped: 0 });
    expect(events.imports.at(-1)).toMatchObject({ name: 'invites.csv' });
    expect(await (await post(CSV, '?skipInvalid=true')).json()).toEqual({ imported: 1, skipped: 1 });
    const empty = await post('');
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ code: 'empty_file' });
  });

  it('answers an unknown event with 404, and a file over the limit with 413', async () => {
    const { h } = await setUp();
    for (const path of ['/api/events/nope', '/api/events/nope/registrations', '/api/events/nope/profile']) {
      const response = await h.fetch(path, { headers: asAdmin });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'not_found', message: expect.any(String) });
    }
    const huge = await h.fetch('/api/events/conf-2026/invites', { method: 'POST', headers: { ...asAdmin, 'content-type': 'text/csv' }, body: Buffer.alloc(6 * 1024 * 1024, 'a') });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ code: 'too_large' });
  });

  it('is off (403) while ADMIN_TOKEN is not set, whatever the caller sends', async () => {
    const { h } = await setUp(null);
    for (const headers of [{}, asAdmin]) {
      const response = await h.fetch('/api/events', { headers });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'api_disabled' });
    }
  });
});
