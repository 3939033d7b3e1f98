import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventChatRetention, type EventRecord } from '../../src/events/index.js';
import { createEventChatRetentionRepository } from '../../src/storage/event-chat-repository.js';
import { createEventStore } from '../../src/storage/event-repository.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { eventsBot, type EventsHarness } from '../support/events-bot.js';
import { emptyTables, entranceCodeAt, participant, registerFromList, registerWalkIn, wrongCodeAt } from '../support/events-chat.js';
import { testIdentity } from '../support/events.js';

// Registration, self-service and check-in in a participant's chat, on the real bot with
// the Bot API recorded, on SQLite and PostgreSQL. The clock stands on the event's first
// day (2026-06-01, 11:00 in Tirana) unless a test moves it.

describe.each(PROVIDERS_UNDER_TEST)('events in the chat on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  let h: EventsHarness;
  let event: EventRecord;

  beforeEach(async () => {
    if (skip) return;
    await emptyTables(database);
    h = await eventsBot({ database });
    event = await h.conference();
  });
  afterEach(async () => h?.dispose());

  const participantOf = (userId: number) => h.db.prisma.eventParticipant.findFirst({ where: { telegramKey: testIdentity.hashId('participant', userId) } });
  const helplineRows = async () => ({ contacts: await h.db.prisma.contact.count(), sessions: await h.db.prisma.chatSession.count(), cases: await h.db.prisma.helpCase.count() });
  const NONE = { contacts: 0, sessions: 0, cases: 0 };

  it.skipIf(skip)('joins by the deep link and registers from an invitation list of 155 organisations: language, first letter, page, organisation, name', async () => {
    const arta = participant(h, 9101, 'en');
    await arta.start(`ev_${event.joinCode}`);
    expect(arta.last()).toEqual({
      text: `${h.t('en', 'chat.welcome', { event: 'National Conference' })}\n\n${h.t('en', 'chat.language.prompt')}`,
      buttons: [
        { text: 'Shqip', data: `e:l|${event.joinCode}|sq` },
        { text: 'English', data: `e:l|${event.joinCode}|en` },
      ],
    });
    await arta.tap('English');
    await arta.tap(h.t('en', 'chat.path.list'));
    expect(arta.last().text).toBe(h.t('en', 'chat.letters.prompt'));
    expect(arta.last().buttons.map((button) => button.text)).toEqual(['B', 'M', 'O', 'Q', 'S', h.t('en', 'chat.buttons.not_listed')]);
    await arta.tap('B');
    expect(arta.last().text).toBe(h.t('en', 'chat.organisations.letter', { letter: 'B', page: 1, pages: 9 }));
    await arta.tap(h.t('en', 'chat.buttons.next'));
    expect(
      arta
        .last()
        .buttons.slice(0, 8)
        .map((button) => button.text),
    ).toEqual(['Bashkia 9', 'Bashkia 10', 'Bashkia 11', 'Bashkia 12', 'Bashkia 13', 'Bashkia 14', 'Bashkia 15', 'Bashkia 16']);
    await arta.tap('Bashkia 12');
    const people = arta.last();
    expect(people.text).toBe(h.t('en', 'chat.people.prompt', { organisation: 'Bashkia 12', page: 1, pages: 1 }));
    const name = people.buttons[0]!.text;
    await arta.tap(name);

    expect(arta.last().text).toContain(h.t('en', 'chat.card.registered', { event: 'National Conference' }));
    expect(arta.last().text).toContain(h.t('en', 'chat.card.name', { name }));
    expect(arta.last().text).toContain(h.t('en', 'chat.card.how_to_check_in'));
    const invitee = await h.db.prisma.eventInvitee.findFirstOrThrow({ where: { eventId: event.id, name } });
    expect(await participantOf(9101)).toMatchObject({ eventId: event.id, inviteeId: invitee.id, name: null, language: 'en', source: 'chat', leftAt: null, deletedAt: null });
    // Keyed by the participant hash only: the Telegram id is stored nowhere, the helpline holds no row.
    const chat = await h.db.prisma.eventChat.findUniqueOrThrow({ where: { key: testIdentity.hashId('participant', 9101) } });
    expect(chat).toMatchObject({ eventId: event.id, language: 'en' });
    expect(JSON.stringify(await h.db.prisma.eventParticipant.findMany())).not.toContain('9101');
    expect(await helplineRows()).toEqual(NONE);
  });

  it.skipIf(skip)('finds an organisation by part of its name typed, and the same list answers in Albanian', async () => {
    const besa = participant(h, 9102, 'sq');
    await besa.start(`ev_${event.joinCode.toLowerCase()}`);
    await besa.tap('Shqip');
    await besa.tap(h.t('sq', 'chat.path.list'));
    await besa.say('ndërkombëtare 3');
    expect(besa.last().text).toBe(h.t('sq', 'chat.organisations.query', { query: 'ndërkombëtare 3', page: 1, pages: 1 }));
    expect(
      besa
        .last()
        .buttons.slice(0, 3)
        .map((button) => button.text),
    ).toEqual(['Organizata Ndërkombëtare 3', 'Organizata Ndërkombëtare 30', 'Organizata Ndërkombëtare 31']);
    await besa.say('Shoqata që nuk ekziston');
    expect(besa.last().text.startsWith(h.t('sq', 'chat.hint.no_match'))).toBe(true);
    await besa.tap(h.t('sq', 'chat.buttons.letters'));
    await besa.tap('M');
    await besa.tap('Ministria 2');
    await besa.tap(besa.last().buttons[0]!.text);
    expect(besa.last().text).toContain(h.t('sq', 'chat.card.registered', { event: 'Konferenca Kombëtare' }));
    expect(await participantOf(9102)).toMatchObject({ language: 'sq' });
    expect(await helplineRows()).toEqual(NONE);
  });

  it.skipIf(skip)('registers walk-ins, whose typed name and organisation never reach the helpline nor its urgent words', async () => {
    const sokol = participant(h, 9103, 'sq');
    await registerWalkIn(h, sokol, event, { name: '  Sokol   Gjoka ', organisation: 'Linja SOS për Gratë', orgType: 'ngo', region: 'fier' }, 'sq');
    expect(sokol.last().text).toContain(h.t('sq', 'chat.card.name', { name: 'Sokol Gjoka' }));
    expect(sokol.last().text).toContain(h.t('sq', 'chat.card.walk_in'));
    // "SOS" is an urgent word for the helpline: here it is an organisation's name, and nobody became a help-seeker.
    expect(await helplineRows()).toEqual(NONE);
    const organisation = await h.db.prisma.eventOrganisation.findFirstOrThrow({ where: { eventId: event.id, nameKey: 'linja sos për gratë' } });
    expect(organisation.orgType).toBe('ngo');
    expect(await participantOf(9103)).toMatchObject({ inviteeId: null, name: 'Sokol Gjoka', organisationId: organisation.id, region: 'fier' });

    // An organisation on the lists keeps its type: none is asked.
    const teuta = participant(h, 9104, 'en');
    await teuta.start(`ev_${event.joinCode}`);
    await teuta.tap('English');
    await teuta.tap(h.t('en', 'chat.path.walk_in'));
    await teuta.say('T');
    expect(teuta.last().text).toBe(`${h.t('en', 'chat.hint.name_length')}\n\n${h.t('en', 'chat.name.prompt')}`);
    await teuta.say('Teuta Marku');
    await teuta.say('BASHKIA  3');
    expect(teuta.last().text).toBe(h.t('en', 'chat.region.prompt'));
    await teuta.tap(h.t('en', 'regions.national'));
    const bashkia = await h.db.prisma.eventOrganisation.findFirstOrThrow({ where: { eventId: event.id, nameKey: 'bashkia 3' } });
    expect(await participantOf(9104)).toMatchObject({ organisationId: bashkia.id, region: 'national', name: 'Teuta Marku' });
    expect(await h.db.prisma.eventOrganisation.count({ where: { eventId: event.id } })).toBe(156);
    expect(await helplineRows()).toEqual(NONE);
  });

  it.skipIf(skip)('answers an unknown join code and a closed event clearly, and records nothing', async () => {
    const stranger = participant(h, 9105, 'en');
    for (const payload of ['ev_ZZZZZZ', 'ev_K7M3P0', 'ev_', 'EV_ZZZZZZ']) {
      await stranger.start(payload);
      expect(stranger.last()).toEqual({ text: h.t('en', 'chat.refused.unknown_code'), buttons: [] });
    }
    await h.events.setStatus(event.id, 'closed');
    await stranger.start(`ev_${event.joinCode}`);
    expect(stranger.last()).toEqual({ text: h.t('en', 'chat.refused.closed', { event: 'National Conference' }), buttons: [] });
    expect(await h.db.prisma.eventChat.count()).toBe(0);
    expect(await h.db.prisma.eventParticipant.count()).toBe(0);
    expect(await helplineRows()).toEqual(NONE);
    // Other deep links still reach their areas: the helpline's campaign link records its visit.
    await stranger.start('src_poster_fier');
    expect(await h.db.prisma.contact.count()).toBe(1);
  });

  it.skipIf(skip)('checks in by the entrance code: a wrong one, the right one, twice, an expired one, too many guesses, a day without the event', async () => {
    const arta = participant(h, 9106, 'en');
    await registerFromList(h, arta, event, 'Bashkia 12', 'Arbër Kola');
    await arta.say(wrongCodeAt(event, h.clock.now()));
    expect(arta.last().text).toBe(h.t('en', 'chat.refused.wrong_code'));
    const code = entranceCodeAt(event, h.clock.now());
    await arta.say(`${code.slice(0, 2)} ${code.slice(2)}`);
    expect(arta.last().text).toBe(h.t('en', 'chat.checked_in', { day: 1, event: 'National Conference' }));
    await arta.say(code);
    expect(arta.last().text).toBe(h.t('en', 'chat.already_checked_in', { day: 1, event: 'National Conference' }));
    const attendance = await h.db.prisma.eventAttendance.findMany({ where: { eventId: event.id } });
    const participantRow = await participantOf(9106);
    expect(attendance).toEqual([expect.objectContaining({ day: 1, source: 'chat_code', participantId: participantRow!.id, personKey: `i:${participantRow!.inviteeId}` })]);

    // The next day, yesterday's code has expired; five wrong guesses close this window.
    h.clock.advance(24 * 3600_000);
    const expired = code;
    const today = entranceCodeAt(event, h.clock.now());
    if (expired !== today && expired !== entranceCodeAt(event, new Date(h.clock.now().getTime() - 600_000))) {
      await arta.say(expired);
      expect(arta.last().text).toBe(h.t('en', 'chat.refused.wrong_code'));
    }
    for (let i = 0; i < 5; i++) await arta.say(wrongCodeAt(event, h.clock.now()));
    await arta.say(today);
    expect(arta.last().text).toBe(h.t('en', 'chat.refused.too_many_tries', { minutes: 10 }));
    h.clock.advance(10 * 60_000);
    await arta.say(entranceCodeAt(event, h.clock.now()));
    expect(arta.last().text).toBe(h.t('en', 'chat.checked_in', { day: 2, event: 'National Conference' }));

    // After the last day: no check-in, said plainly.
    h.clock.advance(24 * 3600_000);
    await arta.say(entranceCodeAt(event, h.clock.now()));
    expect(arta.last().text).toBe(h.t('en', 'chat.refused.not_today', { event: 'National Conference', starts: '2026-06-01' }));
    expect((await h.db.prisma.eventAttendance.findMany({ where: { eventId: event.id } })).map((row) => row.day).sort()).toEqual([1, 2]);
    expect(await helplineRows()).toEqual(NONE);
  });

  it.skipIf(skip)('asks for the code after the "check in" button, and takes whatever is typed then as a try', async () => {
    const arta = participant(h, 9107, 'en');
    await registerFromList(h, arta, event, 'Ministria 3', 'Gentiana Çela');
    await arta.tap(h.t('en', 'chat.buttons.check_in'));
    expect(arta.last().text).toBe(h.t('en', 'chat.ask_code'));
    await arta.say('one two three four');
    expect(arta.last().text).toBe(h.t('en', 'chat.refused.wrong_code'));
    await arta.say(entranceCodeAt(event, h.clock.now()));
    expect(arta.last().text).toBe(h.t('en', 'chat.checked_in', { day: 1, event: 'National Conference' }));
    expect(await helplineRows()).toEqual(NONE);
  });

  it.skipIf(skip)('lets a walk-in see and correct each field, with the organisers’ type of a listed organisation left to them', async () => {
    const sokol = participant(h, 9108, 'en');
    await registerWalkIn(h, sokol, event, { name: 'Sokol Gjoka', organisation: 'Shoqata e Re', orgType: 'ngo', region: 'fier' });
    await sokol.command('me');
    expect(sokol.last().text).toBe(
      [
        h.t('en', 'chat.card.shown', { event: 'National Conference' }),
        [
          h.t('en', 'chat.card.name', { name: 'Sokol Gjoka' }),
          h.t('en', 'chat.card.organisation', { organisation: 'Shoqata e Re', orgType: h.t('en', 'orgTypes.ngo') }),
          h.t('en', 'chat.card.region', { region: 'Fier' }),
          h.t('en', 'chat.card.walk_in'),
          h.t('en', 'chat.card.no_days'),
        ].join('\n'),
      ].join('\n\n'),
    );
    const correct = async (field: string) => {
      await sokol.tap(h.t('en', 'chat.buttons.correct'));
      await sokol.tap(h.t('en', `chat.correct.${field}`));
    };
    await correct('name');
    await sokol.say('Sokol Gjoka-Rama');
    expect(sokol.last().text).toContain(h.t('en', 'chat.card.corrected', { event: 'National Conference' }));
    await correct('org_type');
    await sokol.tap(h.t('en', 'orgTypes.international'));
    await correct('region');
    await sokol.tap(h.t('en', 'regions.vlore'));
    expect(await participantOf(9108)).toMatchObject({ name: 'Sokol Gjoka-Rama', region: 'vlore' });
    expect(await h.db.prisma.eventOrganisation.findFirstOrThrow({ where: { eventId: event.id, nameKey: 'shoqata e re' } })).toMatchObject({ orgType: 'international' });
    // Another organisation, one on the invitation list: its type stays the list's.
    await correct('organisation');
    await sokol.say('qendra ojf 7');
    const listed = await h.db.prisma.eventOrganisation.findFirstOrThrow({ where: { eventId: event.id, nameKey: 'qendra ojf 7' } });
    expect(await participantOf(9108)).toMatchObject({ organisationId: listed.id });
    await correct('org_type');
    await sokol.tap(h.t('en', 'orgTypes.other'));
    expect(sokol.last().text).toContain(h.t('en', 'chat.card.type_shared', { organisation: 'Qendra OJF 7' }));
    expect((await h.db.prisma.eventOrganisation.findUniqueOrThrow({ where: { id: listed.id } })).orgType).toBe('ngo');
    // A correction started and cancelled changes nothing.
    await correct('name');
    await sokol.tap(h.t('en', 'chat.buttons.cancel'));
    expect(await participantOf(9108)).toMatchObject({ name: 'Sokol Gjoka-Rama' });
    expect(await helplineRows()).toEqual(NONE);
  });

  it.skipIf(skip)('lets an invitee who chose the wrong name choose again, taking their day present with them', async () => {
    const arta = participant(h, 9109, 'en');
    await registerFromList(h, arta, event, 'Ministria 1', 'Arbër Çela');
    await arta.say(entranceCodeAt(event, h.clock.now()));
    await arta.command('me');
    await arta.tap(h.t('en', 'chat.buttons.correct'));
    await arta.tap(h.t('en', 'chat.correct.invitation'));
    await arta.tap('M');
    await arta.tap('Ministria 1');
    const other = arta.last().buttons.find((button) => button.text !== 'Arbër Çela' && button.data.startsWith('e:n|'))!;
    await arta.tap(other.text);
    const row = await participantOf(9109);
    const chosen = await h.db.prisma.eventInvitee.findFirstOrThrow({ where: { eventId: event.id, name: other.text } });
    expect(row).toMatchObject({ inviteeId: chosen.id });
    expect(await h.db.prisma.eventAttendance.findMany({ where: { eventId: event.id } })).toEqual([
      expect.objectContaining({ personKey: `i:${chosen.id}`, inviteeId: chosen.id, participantId: row!.id, day: 1 }),
    ]);
    expect(arta.last().text).toContain(h.t('en', 'chat.card.corrected', { event: 'National Conference' }));
  });

  it.skipIf(skip)('leaves and deletes only after a confirmation; after deleting, nothing keyed by the chat is left and the counts stay', async () => {
    const arta = participant(h, 9110, 'en');
    await registerWalkIn(h, arta, event, { name: 'Arta Dervishi', organisation: 'Shoqata e Re', orgType: 'ngo', region: 'berat' });
    await arta.say(entranceCodeAt(event, h.clock.now()));
    await arta.command('me');
    await arta.tap(h.t('en', 'chat.buttons.leave'));
    expect(arta.last().text).toBe(h.t('en', 'chat.confirm.leave', { event: 'National Conference' }));
    await arta.tap(h.t('en', 'chat.buttons.no'));
    expect((await participantOf(9110))?.leftAt).toBeNull();
    await arta.tap(h.t('en', 'chat.buttons.leave'));
    await arta.tap(h.t('en', 'chat.buttons.yes_leave'));
    expect(arta.last().text).toContain(h.t('en', 'chat.card.left', { event: 'National Conference' }));
    expect((await participantOf(9110))?.leftAt).toEqual(h.clock.now());
    // Coming back by the link takes part again.
    await arta.start(`ev_${event.joinCode}`);
    expect(arta.last().text).toContain(h.t('en', 'chat.card.rejoined', { event: 'National Conference' }));
    expect((await participantOf(9110))?.leftAt).toBeNull();

    const id = (await participantOf(9110))!.id;
    await arta.tap(h.t('en', 'chat.buttons.erase'));
    expect(arta.last().text).toBe(h.t('en', 'chat.confirm.erase', { event: 'National Conference' }));
    await arta.tap(h.t('en', 'chat.buttons.yes_erase'));
    expect(arta.last().text).toBe(h.t('en', 'chat.erased', { event: 'National Conference' }));
    expect(await h.db.prisma.eventParticipant.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: null, telegramKey: null, chatCipher: null, deletedAt: h.clock.now(), region: 'berat' });
    expect(await h.db.prisma.eventChat.count()).toBe(0);
    expect(await h.events.profile(event.id)).toMatchObject({ total: { participants: 1 } });
    await arta.command('me');
    expect(arta.last().text).toBe(h.t('en', 'chat.refused.not_registered'));
    expect(await helplineRows()).toEqual(NONE);
  });

  it.skipIf(skip)('forgets which event a chat joined once the event is over by the retention period, keeping the registration and the counts', async () => {
    const arta = participant(h, 9112, 'en');
    await registerWalkIn(h, arta, event, { name: 'Arta Dervishi', organisation: 'Shoqata e Re', orgType: 'ngo', region: 'berat' });
    const ben = participant(h, 9113, 'en');
    await ben.start(`ev_${event.joinCode}`);
    const later = await h.conference({ startsOn: '2026-09-01' });
    const vera = participant(h, 9114, 'en');
    await vera.start(`ev_${later.joinCode}`);
    const retention = createEventChatRetention({ events: createEventStore(h.db.prisma), store: createEventChatRetentionRepository(h.db), clock: h.clock, days: 30 });

    // The event's two days (1 and 2 June in Tirana) and 30 days after them: kept.
    h.clock.set(new Date('2026-07-02T21:59:00Z'));
    expect(await retention.run()).toEqual({ chats: 0 });
    expect(await h.db.prisma.eventChat.count()).toBe(3);
    // Past midnight in Tirana on 3 July: the finished registration and the one left halfway go; the September event's stays.
    h.clock.set(new Date('2026-07-02T22:01:00Z'));
    expect(await retention.run()).toEqual({ chats: 2 });
    expect(await h.db.prisma.eventChat.findMany({ select: { eventId: true } })).toEqual([{ eventId: later.id }]);
    expect(await participantOf(9112)).toMatchObject({ name: 'Arta Dervishi', region: 'berat', deletedAt: null });
    await arta.command('me');
    expect(arta.last().text).toBe(h.t('en', 'chat.refused.not_registered'));
    expect(await retention.run()).toEqual({ chats: 0 });
  });

  it.skipIf(skip)('asks a flood of presses and commands to slow down once, then drops it until the minute has passed; the helpline never hears of it', async () => {
    const arta = participant(h, 9115, 'en');
    await arta.start(`ev_${event.joinCode}`);
    const before = h.texts(9115).length;
    for (let i = 0; i < 19; i++) await arta.command('me');
    for (let i = 0; i < 3; i++) await arta.command('me');
    const said = h.texts(9115).slice(before);
    expect(said.filter((text) => text === h.t('en', 'chat.slow_down'))).toHaveLength(1);
    expect(said).toHaveLength(20);
    for (let i = 0; i < 100; i++) await arta.press('e:m|ZZZZZZ');
    // Ninety presses a minute are answered (here: the button is stale); the ninety-first is asked to slow down.
    expect(h.toasts()).toHaveLength(90);
    expect(h.texts(9115).slice(before + 20)).toEqual([h.t('en', 'chat.slow_down')]);
    h.clock.advance(61_000);
    await arta.command('me');
    expect(h.texts(9115)).toHaveLength(before + 22);
    expect(h.texts(9115).at(-1)).not.toBe(h.t('en', 'chat.slow_down'));
    expect(await helplineRows()).toEqual(NONE);
  });

  it.skipIf(skip)('refuses old buttons of a closed event, buttons of a step the chat has left, and forged ones, changing nothing', async () => {
    const arta = participant(h, 9111, 'en');
    await arta.start(`ev_${event.joinCode}`);
    const language = h.button(9111, 'English');
    await arta.press(language);
    const onPath = await h.db.prisma.eventChat.findFirstOrThrow();
    // The language button again: the chat is past it.
    await arta.press(`e:l|${event.joinCode}|sq`);
    await arta.press(`e:o|${event.joinCode}|0ff23ef5a612`);
    await arta.press(`e:n|${event.joinCode}|zz`);
    await arta.press('e:m|ZZZZZZ');
    expect(h.toasts()).toEqual(Array(4).fill(h.t('en', 'chat.refused.stale')));
    expect(await h.db.prisma.eventChat.findFirstOrThrow()).toEqual(onPath);

    const listButton = h.button(9111, h.t('en', 'chat.path.list'));
    await h.events.setStatus(event.id, 'closed');
    const before = h.texts(9111).length;
    await arta.press(listButton);
    await arta.say('Arta Hoxha');
    await arta.press(`e:m|${event.joinCode}`);
    expect(h.texts(9111).slice(before)).toEqual(Array(3).fill(h.t('en', 'chat.refused.closed', { event: 'National Conference' })));
    expect(await h.db.prisma.eventChat.findFirstOrThrow()).toEqual(onPath);
    expect(await h.db.prisma.eventParticipant.count()).toBe(0);
    expect(await helplineRows()).toEqual(NONE);
  });

  it.skipIf(skip)('takes typed text only while a registration waits for it (30 minutes) or as an entrance code; anything else goes on to the helpline', async () => {
    const arta = participant(h, 9112, 'en');
    await arta.start(`ev_${event.joinCode}`);
    await arta.tap('English');
    await arta.tap(h.t('en', 'chat.path.walk_in'));
    h.clock.advance(29 * 60_000);
    await arta.say('Arta Leka');
    expect(arta.last().text).toBe(h.t('en', 'chat.organisation.prompt'));
    h.clock.advance(31 * 60_000);
    await arta.say('hello');
    // Left waiting too long: the words go to the helpline, which greets a new person.
    expect(arta.last().text).not.toBe(h.t('en', 'chat.organisation.prompt'));
    expect(await h.db.prisma.contact.count()).toBe(1);
  });
});
