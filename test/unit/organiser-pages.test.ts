import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/staff/invitations.js';
import { SESSION_HOURS, SIGN_IN_MINUTES } from '../../src/staff/organiser-sign-in.js';
import { fakeOrganiserEvents } from '../support/organiser-events.js';
import { csrfIn, organiserWebHarness, type WebHarness } from '../support/organiser-web.js';

const MINUTE = 60_000;
const harnesses: WebHarness[] = [];
afterEach(async () => void (await Promise.all(harnesses.splice(0).map((h) => h.close()))));

async function setUp(options: { publicUrl?: string } = {}) {
  const events = fakeOrganiserEvents();
  const h = await organiserWebHarness({ events, ...options });
  harnesses.push(h);
  const organiser = h.staff.add('6001', 'organiser', { pseudonym: 'Mira', languages: ['en'] });
  const event = events.add({ id: 'conf-2026', organiserIds: [organiser.id] });
  return { h, events, organiser, event };
}

/** Opens the bot's link and presses "Sign in", as a browser does; returns the response to the press. */
async function signInWith(h: WebHarness, token: string) {
  const landing = await h.fetch(`/organiser/signin?t=${token}`);
  return { landing, press: await h.fetch('/organiser/signin', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `t=${token}` }) };
}

const sessionCookie = (response: Response) => response.headers.getSetCookie().find((line) => line.startsWith('ura_organiser=')) ?? '';
const cookieValue = (line: string) => line.split(';')[0] ?? '';

describe('signing in by a one-time link', () => {
  it('shows a button on the link’s page (so a preview never uses it up), then trades the link for an httpOnly, SameSite=Strict session cookie', async () => {
    const { h } = await setUp();
    const link = await h.signIn.issue('6001');
    if (link === 'not_organiser') throw new Error('not issued');
    expect(link.expiresAt).toEqual(new Date(h.clock.now().getTime() + SIGN_IN_MINUTES * MINUTE));

    const { landing, press } = await signInWith(h, link.token);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('action="/organiser/signin"');
    expect(landing.headers.get('cache-control')).toBe('no-store');
    expect(press.status).toBe(303);
    expect(press.headers.get('location')).toBe('/organiser');
    const cookie = sessionCookie(press);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/organiser/);
    expect(cookie).toMatch(new RegExp(`Max-Age=${SESSION_HOURS * 3600}`));
    expect(cookie).not.toMatch(/Secure/);
    // Only hashes are stored: neither the link's token nor the session id.
    expect(JSON.stringify(h.store.links)).not.toContain(link.token);
    expect(h.store.links[0]?.tokenHash).toBe(hashToken(link.token));
    const sessionId = cookieValue(cookie).split('=')[1] ?? '';
    expect(JSON.stringify(h.store.sessions)).not.toContain(sessionId);

    const home = await h.fetch('/organiser', { headers: { cookie: cookieValue(cookie) } });
    expect(home.status).toBe(200);
    const page = await home.text();
    expect(page).toContain('Your events');
    expect(page).toContain('Mira');
    expect(page).toContain('href="/organiser/events/conf-2026"');
  });

  it('works once', async () => {
    const { h } = await setUp();
    const link = await h.signIn.issue('6001');
    if (link === 'not_organiser') throw new Error('not issued');
    expect((await signInWith(h, link.token)).press.status).toBe(303);
    const again = await signInWith(h, link.token);
    expect(again.landing.status).toBe(400);
    expect(await again.landing.text()).toContain(h.i18n.t('sq', 'organiser:signin.refused.used').slice(0, 30));
    expect(again.press.status).toBe(400);
    expect(sessionCookie(again.press)).toBe('');
    expect(h.store.sessions).toHaveLength(1);
  });

  it('expires after a few minutes, and refuses a link it never issued', async () => {
    const { h } = await setUp();
    const link = await h.signIn.issue('6001');
    if (link === 'not_organiser') throw new Error('not issued');
    h.clock.advance(SIGN_IN_MINUTES * MINUTE);
    const late = await signInWith(h, link.token);
    expect(late.press.status).toBe(400);
    expect(await late.press.text()).toContain(h.i18n.t('sq', 'organiser:signin.refused.expired'));
    const forged = await signInWith(h, 'A'.repeat(43));
    expect(forged.press.status).toBe(400);
    expect(await forged.press.text()).toContain(h.i18n.t('sq', 'organiser:signin.refused.unknown'));
    expect(h.store.sessions).toHaveLength(0);
  });

  it('issues no link to anyone but an organiser, and refuses a link whose organiser lost the role meanwhile', async () => {
    const { h, organiser } = await setUp();
    h.staff.add('6002', 'operator');
    h.staff.add('6003', 'admin');
    expect(await h.signIn.issue('6002')).toBe('not_organiser');
    expect(await h.signIn.issue('6003')).toBe('not_organiser');
    expect(await h.signIn.issue('999')).toBe('not_organiser');
    const link = await h.signIn.issue('6001');
    if (link === 'not_organiser') throw new Error('not issued');
    h.staff.remove(organiser.id);
    h.staff.add('6001', 'operator');
    expect((await signInWith(h, link.token)).press.status).toBe(400);
  });

  it('ends when the session expires', async () => {
    const { h, organiser } = await setUp();
    const cookie = await h.sessionOf(organiser);
    expect((await h.fetch('/organiser', { headers: { cookie } })).status).toBe(200);
    h.clock.advance(SESSION_HOURS * 3_600_000);
    const response = await h.fetch('/organiser/events/conf-2026', { headers: { cookie } });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/organiser/signin?next=${encodeURIComponent('/organiser/events/conf-2026')}`);
    const signInPage = await (await h.fetch(response.headers.get('location') ?? '')).text();
    expect(signInPage).toContain('/web');
    expect(signInPage).toContain('href="/organiser/events/conf-2026"');
  });

  it('refuses a sign-in posted by another site, and leaves the link unused', async () => {
    const { h } = await setUp();
    const link = await h.signIn.issue('6001');
    if (link === 'not_organiser') throw new Error('not issued');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const forged = await h.fetch('/organiser/signin', { method: 'POST', headers: { ...form, origin: 'https://evil.example' }, body: `t=${link.token}` });
    expect(forged.status).toBe(403);
    expect(sessionCookie(forged)).toBe('');
    const crossSite = await h.fetch('/organiser/signin', { method: 'POST', headers: { ...form, 'sec-fetch-site': 'cross-site', origin: 'null' }, body: `t=${link.token}` });
    expect(crossSite.status).toBe(403);
    expect(await h.signIn.inspect(link.token)).toBe('valid');
    const own = await h.fetch('/organiser/signin', { method: 'POST', headers: { ...form, origin: h.base }, body: `t=${link.token}` });
    expect(own.status).toBe(303);
  });

  it('never sends the visitor on to another site after signing in', async () => {
    const { h } = await setUp();
    for (const next of ['https://evil.example/organiser', '//evil.example', '/organiser/../api/events', '/healthz']) {
      const page = await (await h.fetch(`/organiser/signin?next=${encodeURIComponent(next)}`)).text();
      expect(page).not.toContain('evil.example');
      expect(page).not.toContain('href="/healthz"');
      expect(page).not.toContain('api/events');
    }
  });

  it('makes the cookie Secure when Ura is reached over https, and upgrades insecure requests there only', async () => {
    const { h } = await setUp({ publicUrl: 'https://ura.example.org' });
    const link = await h.signIn.issue('6001');
    if (link === 'not_organiser') throw new Error('not issued');
    const { press } = await signInWith(h, link.token);
    expect(sessionCookie(press)).toMatch(/Secure/);
    expect(press.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    const plain = await setUp();
    expect((await plain.h.fetch('/organiser/signin')).headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });
});

describe('signing out and the language', () => {
  it('signs out with the page’s CSRF token only, and the session no longer works', async () => {
    const { h, organiser } = await setUp();
    const cookie = await h.sessionOf(organiser);
    const page = await (await h.fetch('/organiser', { headers: { cookie } })).text();
    const form = { 'content-type': 'application/x-www-form-urlencoded', cookie };
    expect((await h.fetch('/organiser/signout', { method: 'POST', headers: form, body: '_csrf=wrong' })).status).toBe(403);
    expect((await h.fetch('/organiser', { headers: { cookie } })).status).toBe(200);
    const out = await h.fetch('/organiser/signout', { method: 'POST', headers: form, body: `_csrf=${encodeURIComponent(csrfIn(page))}` });
    expect(out.status).toBe(303);
    expect(sessionCookie(out)).toMatch(/Max-Age=0/);
    expect(h.store.sessions).toHaveLength(0);
    expect((await h.fetch('/organiser', { headers: { cookie } })).status).toBe(303);
  });

  it('shows the pages in the language the organiser picks (their first language at first)', async () => {
    const { h, organiser } = await setUp();
    const cookie = await h.sessionOf(organiser);
    const english = await (await h.fetch('/organiser', { headers: { cookie } })).text();
    expect(english).toContain('<html lang="en">');
    const changed = await h.fetch('/organiser/language', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: `_csrf=${encodeURIComponent(csrfIn(english))}&language=sq&back=${encodeURIComponent('/organiser/events/conf-2026')}`,
    });
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toBe('/organiser/events/conf-2026');
    const albanian = await (await h.fetch('/organiser/events/conf-2026', { headers: { cookie } })).text();
    expect(albanian).toContain('<html lang="sq">');
    expect(albanian).toContain(h.i18n.t('sq', 'organiser:profile.title'));
    expect(albanian).toContain('Konferenca');
  });
});

describe('an event’s page', () => {
  it('shows registrations and check-ins, the profile, the entrance code and the QR code, and escapes what participants wrote', async () => {
    const { h, events, organiser } = await setUp();
    events.register('conf-2026', {
      name: '<script>alert(1)</script>',
      organisation: 'Qendra "Vatra"',
      orgType: 'ngo',
      region: 'vlore',
      invited: true,
      registeredAt: h.clock.now(),
      checkedInAt: h.clock.now(),
    });
    events.register('conf-2026', { name: 'Ilir Gashi', organisation: 'Bashkia Fier', orgType: 'local_gov', region: 'fier', invited: false, registeredAt: h.clock.now(), checkedInAt: null });
    const cookie = await h.sessionOf(organiser);
    const response = await h.fetch('/organiser/events/conf-2026', { headers: { cookie } });
    const page = await response.text();
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('Qendra &quot;Vatra&quot;');
    expect(page).toContain('2 registered, 1 checked in');
    expect(page).toContain('walk-in');
    expect(page).toContain('data-entrance-code>4821<');
    expect(page).toContain('src="/organiser/events/conf-2026/qr.svg"');
    expect(page).toContain('<script src="/organiser/assets/organiser.js" defer></script>');
    expect(page).toContain(h.i18n.t('en', 'organiser:org_type.local_gov'));
    expect(page).toMatch(/data-profile="org_type"[\s\S]*Total/);
    // No inline script or style: the CSP allows none.
    expect(page).not.toMatch(/<script>|<style|style="|onclick=/);
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "form-action 'self'"])
      expect(csp).toContain(directive);
    expect(csp).not.toMatch(/unsafe-inline|https:|data:/);

    const qr = await h.fetch('/organiser/events/conf-2026/qr.svg', { headers: { cookie } });
    expect(qr.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await qr.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const live = await (await h.fetch('/organiser/events/conf-2026/live', { headers: { cookie } })).text();
    expect(live).toContain('2 registered, 1 checked in');
    expect(live).not.toContain('<html');
  });

  it('serves its stylesheet and script from Ura itself, to anyone', async () => {
    const { h } = await setUp();
    const css = await h.fetch('/organiser/assets/organiser.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    const js = await h.fetch('/organiser/assets/organiser.js');
    expect(js.status).toBe(200);
    expect(await js.text()).toContain('X-CSRF-Token');
    expect((await h.fetch('/organiser/assets/nothing.js')).status).toBe(404);
    expect((await h.fetch('/organiser/assets/../organiser-web.ts')).status).not.toBe(200);
  });
});

describe('uploading an invite list on the page', () => {
  const upload = (h: WebHarness, cookie: string, csrf: string, body: string | Buffer, query = '') =>
    h.fetch(`/organiser/events/conf-2026/invites${query}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'x-file-name': encodeURIComponent('ftesat 2026.csv'), 'content-type': 'text/csv' },
      body,
    });

  it('lists row, column, value and what was expected for each bad row, and imports nothing', async () => {
    const { h, events, organiser } = await setUp();
    const cookie = await h.sessionOf(organiser);
    const csrf = csrfIn(await (await h.fetch('/organiser/events/conf-2026', { headers: { cookie } })).text());
    const bad = 'name,organisation,org_type,region\nArta Krasniqi,Ministria e Brendshme,central_gov,tirane\nBesa Leka,Qendra Vatra,charity,vlore\n';
    const refused = await upload(h, cookie, csrf, bad);
    expect(refused.status).toBe(400);
    const result = await refused.text();
    expect(result).toMatch(/<td class="num">3<\/td><td>org_type<\/td><td><code>charity<\/code><\/td><td>one of central_gov/);
    expect(await events.registrations('conf-2026')).toEqual([]);
    expect(events.imports.at(-1)).toMatchObject({ name: 'ftesat 2026.csv' });

    const fixed = await upload(h, cookie, csrf, bad.replace('charity', 'ngo'));
    expect(fixed.status).toBe(200);
    expect(await fixed.text()).toContain('data-imported="2"');
    expect(await events.registrations('conf-2026')).toHaveLength(2);
  });

  it('says what was expected in the language of the page, not in English', async () => {
    const { h, organiser } = await setUp();
    const cookie = await h.sessionOf(organiser);
    const english = await (await h.fetch('/organiser/events/conf-2026', { headers: { cookie } })).text();
    await h.fetch('/organiser/language', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: `_csrf=${encodeURIComponent(csrfIn(english))}&language=sq&back=${encodeURIComponent('/organiser/events/conf-2026')}`,
    });
    const csrf = csrfIn(await (await h.fetch('/organiser/events/conf-2026', { headers: { cookie } })).text());
    const refused = await upload(h, cookie, csrf, 'name,organisation,org_type,region\nBesa Leka,Qendra Vatra,charity,vlore\n,Qendra Vatra,ngo,vlore\n');
    const result = await refused.text();
    expect(result).toContain('<td>një nga central_gov, local_gov, ngo, international, staff, other</td>');
    expect(result).toContain('<td>emri i personit (qeliza është bosh)</td>');
    expect(result).not.toContain('one of');
  });

  it('skips the bad rows when asked to', async () => {
    const { h, events, organiser } = await setUp();
    const cookie = await h.sessionOf(organiser);
    const csrf = csrfIn(await (await h.fetch('/organiser', { headers: { cookie } })).text());
    const response = await upload(h, cookie, csrf, 'name,organisation,org_type,region\nA,B,ngo,fier\nC,D,ngo,paris\n', '?skipInvalid=true');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Rows skipped: 1.');
    expect(await events.registrations('conf-2026')).toHaveLength(1);
  });

  it('refuses an empty file and one over the limit, importing nothing', async () => {
    const { h, events, organiser } = await setUp();
    const cookie = await h.sessionOf(organiser);
    const csrf = csrfIn(await (await h.fetch('/organiser', { headers: { cookie } })).text());
    expect((await upload(h, cookie, csrf, '')).status).toBe(400);
    const huge = await upload(h, cookie, csrf, Buffer.alloc(6 * 1024 * 1024, 'a'));
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('5 MB');
    expect(events.imports).toEqual([]);
  });
});
