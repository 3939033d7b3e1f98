import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/events/index.js';
import { shortRef } from '../../src/events/index.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { eventsBot, type EventsHarness } from '../support/events-bot.js';
import { emptyTables, entranceCodeAt, participant, registerFromList, registerWalkIn } from '../support/events-chat.js';

// The organiser's /event in the bot: only a staff member the event names as organiser
// sees its programme, registrations, check-in and profile. The clock stands on the
// event's first day, 11:00 in Tirana.

describe.each(PROVIDERS_UNDER_TEST)("the organiser's /event on $name", ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  let h: EventsHarness;
  let event: EventRecord;
  const ORGANISER = 9201;
  const COLLEAGUE = 9202;

  beforeEach(async () => {
    if (skip) return;
    await emptyTables(database);
    h = await eventsBot({ database });
    event = await h.conference();
    for (const telegramId of [ORGANISER, COLLEAGUE]) {
      await h.db.prisma.operator.create({
        data: { id: `op-${telegramId}`, telegramId: String(telegramId), pseudonym: null, role: 'operator', languages: JSON.stringify(['en']), skills: '[]', createdAt: h.clock.now(), presence: 'off' },
      });
    }
    await h.events.addOrganiser(event.id, `op-${ORGANISER}`);
  });
  afterEach(async () => h?.dispose());

  /** Two registered: Arta from the list (checked in by the code), Sokol as a walk-in (not yet). */
  async function twoRegistered() {
    const arta = participant(h, 9210, 'en');
    await registerFromList(h, arta, event, 'Qendra OJF 5', 'Gentiana Marku');
    await arta.say(entranceCodeAt(event, h.clock.now()));
    const sokol = participant(h, 9211, 'sq');
    await registerWalkIn(h, sokol, event, { name: 'Sokol Gjoka', organisation: 'Shoqata e Re', orgType: 'ngo', region: 'fier' }, 'sq');
    return { arta, sokol };
  }

  it.skipIf(skip)('shows the organiser the event at a glance, with the entrance code to put up at the door', async () => {
    await twoRegistered();
    const organiser = participant(h, ORGANISER, 'sq');
    await organiser.command('event');
    const code = entranceCodeAt(event, h.clock.now());
    expect(organiser.last().text).toBe(
      [
        'National Conference',
        h.t('en', 'desk.overview.dates', { starts: '2026-06-01', days: 2 }),
        h.t('en', 'desk.overview.venue', { venue: 'Tirana' }),
        h.t('en', 'desk.overview.open', { code: event.joinCode }),
        h.t('en', 'desk.overview.registered', { count: 2 }),
        h.t('en', 'desk.overview.today', { day: 1, present: 1 }),
        h.t('en', 'desk.overview.entrance', { code, time: '11:10' }),
      ].join('\n'),
    );
    expect(await h.events.entranceCode(event.id)).toMatchObject({ code });
    await organiser.tap(h.t('en', 'desk.buttons.programme'));
    expect(organiser.last().text.split('\n')[0]).toBe(h.t('en', 'desk.programme.title', { event: 'National Conference' }));
    expect(organiser.last().text).toContain(`${h.t('en', 'desk.programme.day', { day: 1 })} · 08.30`);
    expect(organiser.last().text).toContain(h.i18n.t('en', 'events:templates.annual-conference.world_cafe'));
    // In the console as before: events answer only their own.
    await organiser.command('cases');
    expect(organiser.last().text).toBe(h.i18n.t('en', 'handoff:cases.none'));
  });

  it.skipIf(skip)('lists the registrations and checks in a participant by a tap, for the current day', async () => {
    await twoRegistered();
    const organiser = participant(h, ORGANISER, 'en');
    await organiser.command('event');
    await organiser.tap(h.t('en', 'desk.buttons.people'));
    const lines = organiser.last().text.split('\n');
    expect(lines[0]).toBe(h.t('en', 'desk.people.title', { event: 'National Conference', total: 2, page: 1, pages: 1 }));
    expect(lines.slice(1)).toEqual([
      `Gentiana Marku · Qendra OJF 5 · ${h.t('en', 'orgTypes.ngo')} · ${h.t('en', 'desk.people.present', { days: '1' })}`,
      `Sokol Gjoka · Shoqata e Re · ${h.t('en', 'orgTypes.ngo')}`,
    ]);
    await organiser.tap(h.t('en', 'desk.buttons.overview'));
    await organiser.tap(h.t('en', 'desk.buttons.check_in'));
    expect(organiser.last().buttons.map((button) => button.text)).toEqual(['Sokol Gjoka · Shoqata e Re', h.t('en', 'desk.buttons.overview')]);
    await organiser.tap('Sokol Gjoka · Shoqata e Re');
    expect(organiser.last().text).toBe(`${h.t('en', 'desk.check_in.confirmed', { name: 'Sokol Gjoka', day: 1 })}\n\n${h.t('en', 'desk.check_in.empty', { day: 1 })}`);
    const sokol = await h.db.prisma.eventParticipant.findFirstOrThrow({ where: { name: 'Sokol Gjoka' } });
    expect(await h.db.prisma.eventAttendance.findFirstOrThrow({ where: { participantId: sokol.id } })).toMatchObject({ day: 1, source: 'organiser' });

    // The profile as text: the participants present by type, then by region.
    await organiser.tap(h.t('en', 'desk.buttons.overview'));
    await organiser.tap(h.t('en', 'desk.buttons.profile'));
    const profile = organiser.last().text.split('\n');
    expect(profile[0]).toBe(h.t('en', 'desk.profile.title_org_type', { event: 'National Conference' }));
    expect(profile).toContain(
      h.t('en', 'desk.profile.row', { label: h.t('en', 'orgTypes.ngo'), participants: 2, invited: 72, pctOfInvited: '2.8%', participatingOrgs: 2, invitedOrgs: 36, pctOfParticipants: '100.0%' }),
    );
    expect(profile.at(-1)).toBe(
      h.t('en', 'desk.profile.row', { label: h.t('en', 'profile.total'), participants: 2, invited: 235, pctOfInvited: '0.9%', participatingOrgs: 2, invitedOrgs: 155, pctOfParticipants: '100.0%' }),
    );
    await organiser.tap(h.t('en', 'desk.buttons.by_region'));
    expect(organiser.last().text.split('\n')[0]).toBe(h.t('en', 'desk.profile.title_region', { event: 'National Conference' }));
  });

  it.skipIf(skip)('offers the choice of events to an organiser of several, and refuses check-in on a closed event or a day without it', async () => {
    const other = await h.conference({ startsOn: '2026-07-01', invitees: [] });
    await h.events.addOrganiser(other.id, `op-${ORGANISER}`);
    const organiser = participant(h, ORGANISER, 'en');
    await organiser.command('event');
    expect(organiser.last().text).toBe(h.t('en', 'desk.events'));
    expect(organiser.last().buttons.map((button) => button.text)).toEqual(['National Conference · 2026-07-01', 'National Conference · 2026-06-01']);
    await organiser.tap('National Conference · 2026-07-01');
    await organiser.tap(h.t('en', 'desk.buttons.check_in'));
    expect(organiser.last().text).toBe(h.t('en', 'desk.refused.not_today', { event: 'National Conference' }));
    await h.events.setStatus(event.id, 'closed');
    await organiser.press(`e:v|${event.joinCode}|k|0`);
    expect(organiser.last().text).toBe(h.t('en', 'desk.refused.closed', { event: 'National Conference' }));
  });

  it.skipIf(skip)('refuses a stranger, a participant and a colleague who does not organise the event, and shows them nobody', async () => {
    await twoRegistered();
    const sokol = await h.db.prisma.eventParticipant.findFirstOrThrow({ where: { name: 'Sokol Gjoka' } });
    const attendance = await h.db.prisma.eventAttendance.count();
    const refused = h.t('en', 'desk.refused.not_organiser');
    const forged = [
      `e:v|${event.joinCode}|o`,
      `e:v|${event.joinCode}|g`,
      `e:v|${event.joinCode}|r|0`,
      `e:v|${event.joinCode}|k|0`,
      `e:v|${event.joinCode}|f|org_type`,
      `e:y|${event.joinCode}|${shortRef(sokol.id)}|0`,
    ];
    for (const [userId, who] of [
      [9290, 'a stranger'],
      [9210, 'a participant'],
      [COLLEAGUE, 'an operator who does not organise it'],
    ] as const) {
      const person = participant(h, userId, 'en');
      const before = h.texts(userId).length;
      await person.command('event');
      for (const data of forged) await person.press(data);
      const seen = h.texts(userId).slice(before);
      expect(seen, who).toEqual(Array(forged.length + 1).fill(refused));
    }
    expect(await h.db.prisma.eventAttendance.count()).toBe(attendance);
    expect(await h.db.prisma.contact.count()).toBe(0);
  });
});
