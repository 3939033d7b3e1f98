import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EventRecord, shortRef } from '../../src/events/index.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { eventsBot, type EventsHarness } from '../support/events-bot.js';
import type { Participant } from '../support/events-chat.js';
import { chatReader, commandOf, emptyParticipation, organiserOf, presentWalkIn } from '../support/events-participation.js';

// Live polls, group work with dot-voting and Open Space, on the real bot with the Bot
// API recorded, on SQLite and PostgreSQL. Arta and Besa come from Fier, Dritan from
// Vlorë; all three are checked in. Sokol registered and did not check in. The clock
// stands on the event's first day.

describe.each(PROVIDERS_UNDER_TEST)('group work, Open Space and polls on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  let h: EventsHarness;
  let event: EventRecord;
  let organiser: Participant;
  let arta: Participant;
  let besa: Participant;
  let dritan: Participant;
  let sokol: Participant;
  let r: ReturnType<typeof chatReader>;

  beforeEach(async () => {
    if (skip) return;
    await emptyParticipation(database);
    h = await eventsBot({ database });
    r = chatReader(h);
    event = await h.conference();
    organiser = await organiserOf(h, event, 9300);
    arta = await presentWalkIn(h, event, 9301, 'Arta Hoxha', 'fier', { orgType: 'ngo' });
    besa = await presentWalkIn(h, event, 9302, 'Besa Leka', 'fier');
    dritan = await presentWalkIn(h, event, 9303, 'Dritan Shehu', 'vlore');
    sokol = await presentWalkIn(h, event, 9304, 'Sokol Gjoka', 'fier', { checkIn: false });
  });
  afterEach(async () => h?.dispose());

  const press = (who: Participant, text: string) => who.press(r.data(who.userId, text));

  it.skipIf(skip)('opens a show of hands to the checked-in participants through the outbox; one vote each, changeable until it closes, counted as a share of those checked in', async () => {
    const question = 'Did you have at least two meaningful conversations with people you had not met before?';
    const made = await h.participation.polls.create(event, { kind: 'yes_no', question: { en: question, sq: 'A patët të paktën dy biseda kuptimplota me njerëz që nuk i njihnit më parë?' } });
    if (made.kind !== 'created') throw new Error('not created');
    const ref = shortRef(made.poll.id);

    // A participant cannot open it: refused, nothing sent.
    await arta.press(`e:vf|${event.joinCode}|${ref}|o`);
    expect(r.toast()).toBe(r.v('refused.not_organiser'));
    expect(await h.db.prisma.eventPoll.findUniqueOrThrow({ where: { id: made.poll.id } })).toMatchObject({ status: 'draft' });

    await organiser.command('polls');
    expect(r.shown(9300)).toContain(`1. ${question} (${r.v('desk.polls.status.draft')})`);
    await press(organiser, r.v('desk.buttons.open', { n: 1 }));
    expect(r.shown(9300)).toContain(r.v('desk.polls.opened', { n: 1, sent: 3 }));
    await h.parts.outbox.idle();

    // The question reached the three checked-in participants, in one transaction with the opening; Sokol did not check in.
    for (const who of [arta, besa, dritan]) {
      expect(r.shown(who.userId)).toBe([question, r.v('poll.hint.yes_no')].join('\n'));
      expect(r.buttons(who.userId).map((b) => b.text)).toEqual(['Yes', 'No']);
    }
    expect(h.api.calls.filter((call) => call.payload.chat_id === 9304 && String(call.payload.text).includes(question))).toEqual([]);
    expect(await h.db.prisma.outboxMessage.count({ where: { purpose: 'event_poll', topic: made.poll.id } })).toBe(3);

    await press(arta, 'Yes');
    expect(r.shown(9301)).toBe([r.v('poll.notes.recorded'), '', question, r.v('poll.hint.yes_no'), r.v('poll.mine', { choice: 'Yes' })].join('\n'));
    await press(arta, 'No');
    expect(r.shown(9301)).toContain(r.v('poll.notes.changed'));
    await press(arta, '✓ No');
    expect(r.shown(9301)).toContain(r.v('poll.notes.same'));
    await press(besa, 'Yes');
    // What a participant sees names their own vote only: no count, nobody else's.
    expect(r.shown(9302)).toBe([r.v('poll.notes.recorded'), '', question, r.v('poll.hint.yes_no'), r.v('poll.mine', { choice: 'Yes' })].join('\n'));

    // Sokol, not checked in, presses a copy of the button: refused, not counted. An option the poll does not have: stale.
    await sokol.press(`e:vp|${event.joinCode}|${ref}|0`);
    expect(r.toast()).toBe(r.v('refused.not_checked_in'));
    await dritan.press(`e:vp|${event.joinCode}|${ref}|7`);
    expect(r.toast()).toBe(r.v('refused.stale'));

    expect(await h.participation.pollBoard(event.id)).toEqual({
      polls: [
        {
          id: made.poll.id,
          question: { en: question, sq: expect.any(String) },
          kind: 'yes_no',
          options: [
            { label: { sq: 'Po', en: 'Yes' }, count: 1 },
            { label: { sq: 'Jo', en: 'No' }, count: 1 },
          ],
          voters: 2,
          checkedIn: 3,
          status: 'open',
        },
      ],
      groups: [],
    });

    await organiser.command('polls');
    expect(r.shown(9300)).toContain(r.v('desk.polls.voters', { voters: 2, checkedIn: 3, share: '66.7%' }));
    expect(r.shown(9300)).toContain(r.v('desk.polls.option', { label: 'Yes', count: 1, share: '33.3%' }));
    await press(organiser, r.v('desk.buttons.close', { n: 1 }));
    expect(r.shown(9300)).toContain(r.v('desk.polls.closed', { n: 1 }));

    // After the close: a vote is refused and changes nothing; the organiser's old button too.
    await dritan.press(`e:vp|${event.joinCode}|${ref}|0`);
    expect(r.toast()).toBe(r.v('refused.poll_closed'));
    await organiser.press(`e:vf|${event.joinCode}|${ref}|c`);
    expect(r.toast()).toBe(r.v('refused.poll_closed'));
    expect((await h.participation.pollBoard(event.id)).polls[0]).toMatchObject({ voters: 2, status: 'closed' });

    // A poll made in the bot: by an organiser only, and only when it reads as one.
    h.clock.advance(60_000);
    await commandOf(h, organiser, 'newpoll', 'single Which session helped most? | World Café | Open Space');
    expect(r.shown(9300)).toContain(`2. Which session helped most? (${r.v('desk.polls.status.draft')})`);
    await commandOf(h, organiser, 'newpoll', 'maybe Is this a poll?');
    expect(r.shown(9300)).toBe(r.v('refused.poll_format'));
    await commandOf(h, arta, 'newpoll', 'yes_no Can I make polls?');
    expect(r.shown(9301)).toBe(r.v('refused.not_organiser'));
    expect(await h.db.prisma.eventPoll.count({ where: { eventId: event.id } })).toBe(2);
  });

  it.skipIf(skip)('regroups by county; each group writes actions kept as written, and each participant places five dots on their own group’s actions', async () => {
    await arta.command('groups');
    expect(arta.last().text).toBe(r.v('refused.no_group_work'));
    await organiser.command('groups');
    await press(organiser, r.v('desk.buttons.group_start'));
    expect(r.shown(9300)).toContain(r.v('desk.groups.changed.collecting', { sent: 3 }));
    await h.parts.outbox.idle();
    expect(r.shown(9301)).toBe([r.v('group.title', { group: 'Fier' }), r.v('group.collecting'), '', r.v('group.none')].join('\n'));

    await commandOf(h, arta, 'action', '  Train the police  in every county ');
    expect(r.shown(9301)).toContain(r.v('group.notes.recorded'));
    h.clock.advance(1000);
    await commandOf(h, besa, 'action', 'Scholarships for children of poor families');
    await commandOf(h, besa, 'action');
    expect(besa.last().text).toBe(r.v('refused.action_empty'));
    await commandOf(h, besa, 'action', 'x'.repeat(401));
    expect(besa.last().text).toBe(r.v('refused.action_too_long', { detail: 400 }));
    await commandOf(h, dritan, 'action', 'Media ethics: no names of victims');
    await commandOf(h, sokol, 'action', 'Not checked in');
    expect(sokol.last().text).toBe(r.v('refused.not_checked_in'));

    await press(organiser, r.v('desk.buttons.group_vote'));
    expect(r.shown(9300)).toContain(r.v('desk.groups.changed.voting', { sent: 3 }));
    await h.parts.outbox.idle();
    expect(r.buttons(9301).map((b) => b.text)).toEqual(['＋ 1. Train the police  in every coun…', '＋ 2. Scholarships for children of po…']);
    const police = r.data(9301, '＋ 1. Train the police  in every coun…');
    const scholarships = r.data(9301, '＋ 2. Scholarships for children of po…');
    await commandOf(h, arta, 'action', 'Too late');
    expect(arta.last().text).toBe(r.v('refused.not_collecting'));

    for (let i = 0; i < 3; i++) await arta.press(police);
    await arta.press(scholarships);
    await arta.press(scholarships);
    expect(r.shown(9301)).toContain(r.v('group.voting', { dots: 5, used: 5 }));
    await arta.press(police);
    expect(r.toast()).toBe(r.v('refused.no_dots_left', { detail: 5 }));
    await press(arta, '− 2');
    expect(r.shown(9301)).toContain(r.v('group.notes.dot_removed'));
    expect(r.shown(9301)).toContain(r.v('group.voting', { dots: 5, used: 4 }));

    // Dritan (Vlorë) presses a copy of a Fier button: refused.
    await dritan.press(police);
    expect(r.toast()).toBe(r.v('refused.other_group'));
    await press(besa, '＋ 2. Scholarships for children of po…');
    await press(dritan, '＋ 1. Media ethics: no names of victi…');

    await press(organiser, r.v('desk.buttons.group_close'));
    await arta.press(police);
    expect(r.toast()).toBe(r.v('refused.not_voting'));
    const results = (await h.participation.pollBoard(event.id)).groups;
    expect(results.map((group) => ({ group: group.groupKey, voters: group.voters, actions: group.actions.map(({ text, dots, chosen }) => ({ text, dots, chosen })) }))).toEqual([
      {
        group: 'fier',
        voters: 2,
        actions: [
          { text: 'Train the police  in every county', dots: 3, chosen: true },
          { text: 'Scholarships for children of poor families', dots: 2, chosen: true },
        ],
      },
      { group: 'vlore', voters: 1, actions: [{ text: 'Media ethics: no names of victims', dots: 1, chosen: true }] },
    ]);
    expect(r.shown(9300)).toContain(r.v('desk.groups.action', { mark: '★', dots: 3, text: 'Train the police  in every county' }));
    await press(organiser, r.v('desk.buttons.group_topics'));
    expect(r.shown(9300)).toContain(r.v('desk.groups.topics_made', { count: 3 }));
    await press(organiser, r.v('desk.buttons.group_topics'));
    expect(r.shown(9300)).toContain(r.v('desk.groups.topics_made', { count: 0 }));
    expect((await h.participation.openSpace.topics(event.id)).map((topic) => [topic.title, topic.source, topic.slot])).toEqual(
      expect.arrayContaining([
        ['Train the police  in every county', 'actions', 1],
        ['Media ethics: no names of victims', 'actions', 1],
      ]),
    );
    // A participant sees their own dots, never the group's counts.
    expect(r.shown(9301)).not.toMatch(/★/);
  });

  it.skipIf(skip)('Open Space: one topic per slot, a full topic refused, a report answering the three guiding questions', async () => {
    const media = await h.participation.openSpace.addTopic(event, { title: 'Cooperation with the media', slot: 1, capacity: 1 });
    h.clock.advance(1000);
    const legal = await h.participation.openSpace.addTopic(event, { title: 'Legal framework', slot: 1 });
    const committees = await h.participation.openSpace.addTopic(event, { title: 'Regional committees at work', slot: 2 });
    if ('problem' in media || 'problem' in legal || 'problem' in committees) throw new Error('not added');
    expect(await h.participation.openSpace.addTopic(event, { title: ' ', slot: 1 })).toEqual({ problem: expect.stringContaining('title') });

    await arta.command('topics');
    await press(arta, r.v('topics.buttons.join', { title: 'Cooperation with the media' }));
    expect(r.shown(9301)).toContain(r.v('topics.notes.signed_up', { title: 'Cooperation with the media' }));
    expect(r.shown(9301)).toContain(`${r.v('topics.line_capacity', { title: 'Cooperation with the media', members: 1, capacity: 1 })}${r.v('topics.mine')}`);

    await besa.command('topics');
    await press(besa, r.v('topics.buttons.join', { title: 'Cooperation with the media' }));
    expect(r.toast()).toBe(r.v('refused.topic_full', { detail: 'Cooperation with the media' }));
    await arta.press(`e:vt|${event.joinCode}|${shortRef(legal.id)}|j`);
    expect(r.toast()).toBe(r.v('refused.slot_taken', { detail: 'Cooperation with the media' }));
    await arta.press(`e:vt|${event.joinCode}|${shortRef(committees.id)}|j`);
    expect(r.shown(9301)).toContain(r.v('topics.notes.signed_up', { title: 'Regional committees at work' }));
    expect(await h.db.prisma.eventSignUp.count({ where: { eventId: event.id } })).toBe(2);

    await sokol.command('topics');
    await sokol.press(`e:vt|${event.joinCode}|${shortRef(legal.id)}|j`);
    expect(r.toast()).toBe(r.v('refused.not_checked_in'));

    await commandOf(h, besa, 'report');
    expect(besa.last().text).toBe(r.v('refused.not_member'));
    await commandOf(h, arta, 'report');
    expect(arta.last().text).toContain(r.v('report.questions.importance'));
    await commandOf(h, arta, 'report', '\nEvery county needs one\nIt keeps the work going');
    expect(arta.last().text).toBe(r.v('refused.report_format'));
    await commandOf(h, arta, 'report', '\n1. Committees meet rarely\n2. They coordinate the referrals\n3. A work plan with deadlines');
    expect(arta.last().text).toContain(r.v('topics.notes.report_saved', { title: 'Regional committees at work' }));

    await commandOf(h, dritan, 'propose', 'Shelters with trained staff');
    expect(dritan.last().text).toContain(r.v('topics.notes.proposed', { title: 'Shelters with trained staff' }));

    await organiser.command('topics');
    const board = r.shown(9300);
    expect(board).toContain(r.v('desk.topics.line', { slot: 2, title: 'Regional committees at work', members: 1 }));
    expect(board).toContain(r.v('desk.topics.report', { why: 'Committees meet rarely', importance: 'They coordinate the referrals', nextSteps: 'A work plan with deadlines' }));
    expect(board).toContain(r.v('desk.topics.line', { slot: 2, title: 'Shelters with trained staff', members: 0 }));
    expect(board).toContain(r.v('desk.topics.no_report'));
  });

  it.skipIf(skip)('a poll question queued goes to nobody who left the event, nor once the poll is closed', async () => {
    const made = await h.participation.polls.create(event, { kind: 'rating', question: { en: 'Information sharing', sq: 'Ndarja e informacionit' } });
    if (made.kind !== 'created') throw new Error('not created');
    // Telegram is slow: the messages wait in the outbox while Besa leaves the event.
    const opened = await h.participation.polls.open(event, made.poll);
    expect(opened).toMatchObject({ kind: 'opened', sent: 3 });
    await h.db.prisma.eventParticipant.updateMany({ where: { telegramKey: { not: null }, name: 'Besa Leka' }, data: { leftAt: h.clock.now() } });
    await h.parts.outbox.idle();
    await h.parts.outbox.drain();
    expect(h.api.calls.filter((call) => call.payload.chat_id === 9302 && String(call.payload.text).includes('Information sharing'))).toEqual([]);
    expect(r.buttons(9301).map((b) => b.text)).toEqual(['1', '2', '3', '4', '5']);

    // What the outbox asks before each question goes: still open, and the participant still takes part.
    const [row] = await h.parts.outboxStore.about(made.poll.id, ['event_poll']);
    expect(await h.participation.deliveryRules.mayReach!(row!)).toBe(true);
    await h.participation.polls.close(opened.poll);
    expect(await h.participation.deliveryRules.mayReach!(row!)).toBe(false);
  });

  it.skipIf(skip)("keeps the dot budget and a topic's capacity when presses race", async () => {
    const work = await h.participation.groups.start(event);
    if (work.kind !== 'started') throw new Error('not started');
    const action = await h.participation.groups.addAction(work.work, 'fier', 'Mini-cooperatives in mountain areas');
    if (typeof action === 'string') throw new Error(action);
    await h.participation.groups.openVote(event, work.work);
    const plus = `e:vd|${event.joinCode}|${shortRef(action.id)}|+`;
    // Eight presses at once of a five-dot budget: five dots, whatever order they land in.
    await Promise.all(Array.from({ length: 8 }, () => arta.press(plus)));
    expect(await h.db.prisma.eventDot.count({ where: { groupWorkId: work.work.id } })).toBe(5);

    const seat = await h.participation.openSpace.addTopic(event, { title: 'Legal framework', slot: 1, capacity: 1 });
    if ('problem' in seat) throw new Error(seat.problem);
    const join = `e:vt|${event.joinCode}|${shortRef(seat.id)}|j`;
    await Promise.all([arta, besa, dritan].map((who) => who.press(join)));
    expect(await h.db.prisma.eventSignUp.count({ where: { topicId: seat.id } })).toBe(1);
    expect(h.toasts().filter((toast) => toast === r.v('refused.topic_full', { detail: 'Legal framework' }))).toHaveLength(2);
  });
});
