import { newId } from '../../shared/ids.js';
import type { ChatWho } from '../chat-answer.js';
import type { EventRecord, GroupAttribute } from '../model.js';
import type { ParticipationAnswer } from '../participation-answer.js';
import { type Facilitator, isAnswer, type Member, PARTICIPATION_PURPOSES, type ParticipationKit } from '../participation-kit.js';
import { TITLE_LENGTH } from '../open-space/topics.js';
import { byRef } from '../registration.js';
import type { RosterEntry } from '../roster.js';
import { ACTION_LENGTH, DEFAULT_DOTS, freeDot, type GroupAction, groupKeyOf, groupResults, type GroupResult, type GroupWork, MAX_DOTS, mergeGroups, valuesOf } from './dots.js';

export type GroupWorkStart = { kind: 'started'; work: GroupWork; sent: number } | { kind: 'in_progress'; work: GroupWork } | { kind: 'invalid'; problem: string };
export type GroupWorkMove = { kind: 'moved'; work: GroupWork; sent: number } | { kind: 'unchanged'; work: GroupWork };

/**
 * Group work with dot-voting. A facilitator starts it (each checked-in participant is
 * told their group and how to write actions), opens the vote (each is sent their
 * group's actions with buttons for their dots) and closes it. Groups form from the
 * participants' attribute (county or organisation type) as recorded; a facilitator
 * merges small ones. A participant places their dots on their own group's actions only.
 */
export interface GroupVoting {
  start(event: EventRecord, options?: { groupBy?: GroupAttribute; dots?: number }): Promise<GroupWorkStart>;
  /** The event's latest group work. */
  current(eventId: string): Promise<GroupWork | undefined>;
  /** Puts attribute values in one group, while actions are written; false after that. */
  merge(work: GroupWork, values: readonly string[]): Promise<boolean>;
  openVote(event: EventRecord, work: GroupWork): Promise<GroupWorkMove>;
  close(work: GroupWork): Promise<GroupWorkMove>;
  /** A facilitator types in an action for a group (as said aloud, or from paper). */
  addAction(work: GroupWork, groupKey: string, text: string): Promise<GroupAction | 'not_collecting' | 'bad_text'>;
  results(work: GroupWork): Promise<GroupResult[]>;
  /** `/groups`: a facilitator's results and controls; a participant's group and their dots. */
  shown(who: ChatWho): Promise<ParticipationAnswer>;
  /** A facilitator's button: start, open the vote, close it, show the results, or make Open Space topics of the chosen actions (once closed). */
  act(who: ChatWho, joinCode: string, action: 'start' | 'vote' | 'close' | 'show' | 'topics'): Promise<ParticipationAnswer>;
  /** `/action <text>`: a participant writes an action for their group. */
  propose(who: ChatWho, text: string): Promise<ParticipationAnswer>;
  /** A dot placed (`+`) on an action of the participant's group, or taken back (`-`). */
  dot(who: ChatWho, joinCode: string, actionRef: string, change: '+' | '-'): Promise<ParticipationAnswer>;
}

export function createGroupVoting(kit: ParticipationKit): GroupVoting {
  const { deps } = kit;
  const { store, clock } = deps;
  const current = async (eventId: string) => (await store.groupWorks(eventId))[0];
  const attributeOf = (work: GroupWork, entry: RosterEntry) => (work.groupBy === 'region' ? entry.region : entry.orgType);

  /** What a participant of a group sees: its actions with their own dots on each. */
  async function groupView(member: Member, work: GroupWork, entry: RosterEntry, note?: 'recorded' | 'dot_placed' | 'dot_removed'): Promise<ParticipationAnswer> {
    const groupKey = groupKeyOf(work.merges, attributeOf(work, entry));
    const [actions, dots] = await Promise.all([store.actions(work.id), store.dots(work.id)]);
    const mine = dots.filter((dot) => dot.participantId === member.participant.id);
    return {
      kind: 'group',
      event: member.event,
      language: member.language,
      work,
      values: valuesOf(work.merges, groupKey),
      actions: actions.filter((action) => action.groupKey === groupKey).map((action) => ({ ...action, mine: mine.filter((dot) => dot.actionId === action.id).length })),
      used: mine.length,
      ...(note ? { note } : {}),
    };
  }

  /** The message each checked-in participant gets when group work starts or its vote opens. */
  async function announce(event: EventRecord, work: GroupWork, stage: 'collect' | 'vote') {
    const actions = stage === 'vote' ? await store.actions(work.id) : [];
    return (await kit.checkedIn(event)).flatMap(({ participant, entry }) => {
      const groupKey = groupKeyOf(work.merges, attributeOf(work, entry));
      const answer: ParticipationAnswer = {
        kind: 'group',
        event,
        language: kit.languageOf(event, participant, event.languages[0] ?? 'sq'),
        work,
        values: valuesOf(work.merges, groupKey),
        actions: actions.filter((action) => action.groupKey === groupKey).map((action) => ({ ...action, mine: 0 })),
        used: 0,
      };
      return kit.toParticipant(participant, answer, PARTICIPATION_PURPOSES.groupWork, work.id, `group:${work.id}:${stage}:${participant.id}`);
    });
  }

  async function start(event: EventRecord, options: { groupBy?: GroupAttribute; dots?: number } = {}): Promise<GroupWorkStart> {
    const dots = options.dots ?? DEFAULT_DOTS;
    if (!Number.isInteger(dots) || dots < 1 || dots > MAX_DOTS) return { kind: 'invalid', problem: `the dots each participant places must be a whole number from 1 to ${MAX_DOTS}` };
    const latest = await current(event.id);
    if (latest && latest.status !== 'closed') return { kind: 'in_progress', work: latest };
    const session = (await deps.events.programme(event.id)).find((item) => item.kind === 'group_work');
    const groupBy = options.groupBy ?? (session?.kind === 'group_work' ? session.groupBy : 'region');
    const work: GroupWork = { id: newId(), eventId: event.id, groupBy, dots, merges: [], status: 'collecting', createdAt: clock.now(), updatedAt: clock.now() };
    const outgoing = await announce(event, work, 'collect');
    await store.createGroupWork(work, deps.outbox.prepare(outgoing));
    deps.outbox.kick();
    return { kind: 'started', work, sent: outgoing.length };
  }

  async function move(event: EventRecord, work: GroupWork, to: 'voting' | 'closed'): Promise<GroupWorkMove> {
    const from = to === 'voting' ? 'collecting' : 'voting';
    if (work.status !== from) return { kind: 'unchanged', work };
    const moved: GroupWork = { ...work, status: to, updatedAt: clock.now() };
    const outgoing = to === 'voting' ? await announce(event, moved, 'vote') : [];
    if (!(await store.moveGroupWork(work.id, from, to, clock.now(), deps.outbox.prepare(outgoing)))) return { kind: 'unchanged', work: (await current(event.id)) ?? work };
    deps.outbox.kick();
    return { kind: 'moved', work: moved, sent: outgoing.length };
  }

  async function desk(at: Facilitator, changed?: { to: GroupWork['status']; sent: number }, topicsMade?: number): Promise<ParticipationAnswer> {
    const work = await current(at.event.id);
    const results = work ? groupResults(work, await store.actions(work.id), await store.dots(work.id)) : [];
    return { kind: 'group_desk', event: at.event, language: at.language, work, results, ...(changed ? { changed } : {}), ...(topicsMade !== undefined ? { topicsMade } : {}) };
  }

  /** The checked-in participant and the event's current group work, or the refusal. */
  async function taking(member: Member): Promise<{ entry: RosterEntry; work: GroupWork } | ParticipationAnswer> {
    const entry = await kit.present(member);
    if (isAnswer(entry)) return entry;
    const work = await current(member.event.id);
    return work ? { entry, work } : kit.refused('no_group_work', member.language, member.event);
  }

  /**
   * One Open Space topic (slot 1) per chosen action not in a topic yet, named by its
   * text: the facilitators merge or move them from the command line.
   */
  async function topicsOfChosen(event: EventRecord, work: GroupWork): Promise<number> {
    const taken = new Set((await store.topics(event.id)).flatMap((topic) => topic.actionIds));
    const chosen = groupResults(work, await store.actions(work.id), await store.dots(work.id)).flatMap((group) => group.actions.filter((action) => action.chosen && !taken.has(action.id)));
    for (const action of chosen) {
      await store.createTopic({
        id: newId(),
        eventId: event.id,
        slot: 1,
        title: action.text.slice(0, TITLE_LENGTH),
        source: 'actions',
        capacity: null,
        actionIds: [action.id],
        proposedBy: null,
        createdAt: clock.now(),
      });
    }
    return chosen.length;
  }

  async function eventOf(work: GroupWork): Promise<EventRecord | undefined> {
    return deps.people.event(work.eventId);
  }

  return {
    start,
    current,
    merge: async (work, values) => work.status === 'collecting' && store.setMerges(work.id, mergeGroups(work.merges, values), clock.now()),
    async openVote(event, work) {
      return move(event, work, 'voting');
    },
    async close(work) {
      const event = await eventOf(work);
      return event ? move(event, work, 'closed') : { kind: 'unchanged', work };
    },
    async addAction(work, groupKey, text) {
      const written = text.trim();
      if (written === '' || written.length > ACTION_LENGTH) return 'bad_text';
      const action: GroupAction = { id: newId(), groupWorkId: work.id, groupKey: groupKeyOf(work.merges, groupKey), text: written, participantId: null, createdAt: clock.now() };
      return (await store.addAction(action)) ? action : 'not_collecting';
    },
    results: async (work) => groupResults(work, await store.actions(work.id), await store.dots(work.id)),

    async shown(who) {
      const at = await kit.facilitatorOf(who);
      if (at) return desk(at);
      const member = await kit.memberOfChat(who);
      if (isAnswer(member)) return member;
      const taken = await taking(member);
      return isAnswer(taken) ? taken : groupView(member, taken.work, taken.entry);
    },

    async act(who, joinCode, action) {
      const at = await kit.facilitatorOf(who, joinCode);
      if (!at) return kit.refused('not_organiser', who.language);
      if (action === 'show') return desk(at);
      if (action === 'topics') {
        const work = await current(at.event.id);
        if (work?.status !== 'closed') return kit.refused('stale', at.language, at.event);
        return desk(at, undefined, await topicsOfChosen(at.event, work));
      }
      if (action === 'start') {
        const started = await start(at.event);
        return started.kind === 'started' ? desk(at, { to: 'collecting', sent: started.sent }) : kit.refused('stale', at.language, at.event);
      }
      const work = await current(at.event.id);
      if (!work) return kit.refused('no_group_work', at.language, at.event);
      const moved = await move(at.event, work, action === 'vote' ? 'voting' : 'closed');
      return moved.kind === 'moved' ? desk(at, { to: moved.work.status, sent: moved.sent }) : kit.refused(action === 'vote' ? 'not_collecting' : 'not_voting', at.language, at.event);
    },

    async propose(who, text) {
      const member = await kit.memberOfChat(who);
      if (isAnswer(member)) return member;
      const taken = await taking(member);
      if (isAnswer(taken)) return taken;
      const { entry, work } = taken;
      const written = text.trim();
      if (written === '') return kit.refused('action_empty', member.language, member.event);
      if (written.length > ACTION_LENGTH) return kit.refused('action_too_long', member.language, member.event, String(ACTION_LENGTH));
      if (work.status !== 'collecting') return kit.refused('not_collecting', member.language, member.event);
      const action: GroupAction = {
        id: newId(),
        groupWorkId: work.id,
        groupKey: groupKeyOf(work.merges, attributeOf(work, entry)),
        text: written,
        participantId: member.participant.id,
        createdAt: clock.now(),
      };
      if (!(await store.addAction(action))) return kit.refused('not_collecting', member.language, member.event);
      return groupView(member, work, entry, 'recorded');
    },

    async dot(who, joinCode, actionRef, change) {
      const member = await kit.memberByCode(who, joinCode);
      if (isAnswer(member)) return member;
      const { event, language, participant } = member;
      const work = await current(event.id);
      const action = work ? byRef(await store.actions(work.id), actionRef) : undefined;
      if (!work || !action) return kit.refused('stale', language, event);
      if (work.status !== 'voting') return kit.refused('not_voting', language, event);
      const entry = await kit.present(member);
      if (isAnswer(entry)) return entry;
      if (action.groupKey !== groupKeyOf(work.merges, attributeOf(work, entry))) return kit.refused('other_group', language, event);
      for (let attempt = 0; attempt < 3; attempt++) {
        const mine = (await store.dots(work.id)).filter((dot) => dot.participantId === participant.id);
        if (change === '-') {
          const last = mine.filter((dot) => dot.actionId === action.id).sort((a, b) => b.slot - a.slot)[0];
          if (!last) return kit.refused('no_dot_here', language, event);
          if (!(await store.removeDot(work.id, participant.id, last.slot))) return kit.refused('not_voting', language, event);
          return groupView(member, work, entry, 'dot_removed');
        }
        const slot = freeDot(mine, work.dots);
        if (slot === undefined) return kit.refused('no_dots_left', language, event, String(work.dots));
        const placed = await store.placeDot({ groupWorkId: work.id, participantId: participant.id, slot, actionId: action.id, at: clock.now() });
        if (placed === 'closed') return kit.refused('not_voting', language, event);
        if (placed === 'placed') return groupView(member, work, entry, 'dot_placed');
        // Another press of the same participant took that dot at the same moment: count again.
      }
      return kit.refused('no_dots_left', language, event, String(work.dots));
    },
  };
}
