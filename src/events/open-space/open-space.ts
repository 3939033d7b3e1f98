import { newId } from '../../shared/ids.js';
import type { ChatWho } from '../chat-answer.js';
import type { EventRecord } from '../model.js';
import { membersOf, type ParticipationAnswer, type ParticipationNote, type TopicLine } from '../participation-answer.js';
import { type Facilitator, isAnswer, type Member, type ParticipationKit } from '../participation-kit.js';
import { byRef } from '../registration.js';
import { freeSeat, MAX_SLOTS, parseReport, TITLE_LENGTH, type Topic, type TopicReport, type TopicSource } from './topics.js';

export interface TopicInput {
  title: string;
  slot?: number;
  capacity?: number | null;
  /** Group actions merged into it (their ids). */
  actionIds?: string[];
}

/**
 * Open Space: facilitators add topics (merging actions the groups chose), participants
 * propose theirs; a checked-in participant joins one topic per slot, within its
 * capacity; a member of a topic writes its report, the three guiding questions answered.
 */
export interface OpenSpace {
  addTopic(event: EventRecord, input: TopicInput, source?: TopicSource): Promise<Topic | { problem: string }>;
  topics(eventId: string): Promise<Topic[]>;
  /** Every topic with how many joined and its report, if written. */
  board(eventId: string): Promise<(TopicLine & { report: TopicReport | undefined })[]>;
  /** `/topics`: a facilitator's board; a participant's topics with buttons to join. */
  shown(who: ChatWho): Promise<ParticipationAnswer>;
  join(who: ChatWho, joinCode: string, topicRef: string): Promise<ParticipationAnswer>;
  leave(who: ChatWho, joinCode: string, topicRef: string): Promise<ParticipationAnswer>;
  /** `/propose <title>`: a participant's topic, in the latest slot. */
  propose(who: ChatWho, title: string): Promise<ParticipationAnswer>;
  /** `/report` (the three questions) or `/report` with three lines (the answers), for the topic the participant joined last. */
  report(who: ChatWho, text: string): Promise<ParticipationAnswer>;
}

export function createOpenSpace(kit: ParticipationKit): OpenSpace {
  const { deps } = kit;
  const { store, clock } = deps;

  async function lines(eventId: string, participantId?: string): Promise<TopicLine[]> {
    const [topics, signUps] = await Promise.all([store.topics(eventId), store.signUps(eventId)]);
    return topics.map((topic) => ({ topic, members: membersOf(signUps, topic.id), mine: signUps.some((signUp) => signUp.topicId === topic.id && signUp.participantId === participantId) }));
  }

  const listFor = async (member: Member, note?: ParticipationNote, topic?: Topic): Promise<ParticipationAnswer> => ({
    kind: 'topics',
    event: member.event,
    language: member.language,
    topics: await lines(member.event.id, member.participant.id),
    ...(note ? { note } : {}),
    ...(topic ? { topic } : {}),
  });

  async function board(eventId: string) {
    const [topicLines, reports] = await Promise.all([lines(eventId), store.reports(eventId)]);
    return topicLines.map((line) => ({ ...line, report: reports.find((report) => report.topicId === line.topic.id) }));
  }

  const desk = async (at: Facilitator): Promise<ParticipationAnswer> => ({ kind: 'topic_desk', event: at.event, language: at.language, topics: await board(at.event.id) });

  /** A checked-in participant of the event a button names, and the topic it names. */
  async function atTopic(who: ChatWho, joinCode: string, topicRef: string): Promise<{ member: Member; topic: Topic } | ParticipationAnswer> {
    const member = await kit.memberByCode(who, joinCode);
    if (isAnswer(member)) return member;
    const topic = byRef(await store.topics(member.event.id), topicRef);
    if (!topic) return kit.refused('stale', member.language, member.event);
    const entry = await kit.present(member);
    return isAnswer(entry) ? entry : { member, topic };
  }

  async function addTopic(event: EventRecord, input: TopicInput, source: TopicSource = 'facilitator'): Promise<Topic | { problem: string }> {
    const title = input.title.trim();
    if (title === '' || title.length > TITLE_LENGTH) return { problem: `a topic's title has 1 to ${TITLE_LENGTH} characters` };
    const slot = input.slot ?? 1;
    if (!Number.isInteger(slot) || slot < 1 || slot > MAX_SLOTS) return { problem: `the slot is a whole number from 1 to ${MAX_SLOTS}` };
    const capacity = input.capacity ?? null;
    if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1)) return { problem: 'the capacity is a whole number of at least 1' };
    const topic: Topic = { id: newId(), eventId: event.id, slot, title, source, capacity, actionIds: input.actionIds ?? [], proposedBy: null, createdAt: clock.now() };
    await store.createTopic(topic);
    return topic;
  }

  return {
    addTopic,
    topics: (eventId) => store.topics(eventId),
    board,

    async shown(who) {
      const at = await kit.facilitatorOf(who);
      if (at) return desk(at);
      const member = await kit.memberOfChat(who);
      if (isAnswer(member)) return member;
      const listed = await listFor(member);
      return listed.kind === 'topics' && listed.topics.length === 0 ? kit.refused('no_topics', member.language, member.event) : listed;
    },

    async join(who, joinCode, topicRef) {
      const found = await atTopic(who, joinCode, topicRef);
      if (isAnswer(found)) return found;
      const { member, topic } = found;
      const { event, language, participant } = member;
      for (let attempt = 0; attempt < 3; attempt++) {
        const signUps = await store.signUps(event.id);
        const inSlot = signUps.find((signUp) => signUp.slot === topic.slot && signUp.participantId === participant.id);
        if (inSlot?.topicId === topic.id) return listFor(member, 'signed_up', topic);
        if (inSlot) return kit.refused('slot_taken', language, event, (await store.topics(event.id)).find((other) => other.id === inSlot.topicId)?.title ?? '');
        const seat = freeSeat(
          signUps.filter((signUp) => signUp.topicId === topic.id),
          topic.capacity,
        );
        if (seat === undefined) return kit.refused('topic_full', language, event, topic.title);
        const done = await store.signUp({ eventId: event.id, slot: topic.slot, participantId: participant.id, topicId: topic.id, seat, at: clock.now() });
        if (done === 'done') return listFor(member, 'signed_up', topic);
        // Someone took that seat, or this participant signed up elsewhere, at the same moment: look again.
      }
      return kit.refused('topic_full', language, event, topic.title);
    },

    async leave(who, joinCode, topicRef) {
      const found = await atTopic(who, joinCode, topicRef);
      if (isAnswer(found)) return found;
      const { member, topic } = found;
      if (!(await store.leaveTopic(topic.id, member.participant.id))) return kit.refused('not_member', member.language, member.event, topic.title);
      return listFor(member, 'left_topic', topic);
    },

    async propose(who, title) {
      const member = await kit.memberOfChat(who);
      if (isAnswer(member)) return member;
      const entry = await kit.present(member);
      if (isAnswer(entry)) return entry;
      const written = title.trim();
      if (written === '') return kit.refused('topic_empty', member.language, member.event);
      if (written.length > TITLE_LENGTH) return kit.refused('topic_too_long', member.language, member.event, String(TITLE_LENGTH));
      const slot = Math.max(1, ...(await store.topics(member.event.id)).map((topic) => topic.slot));
      const topic: Topic = {
        id: newId(),
        eventId: member.event.id,
        slot,
        title: written,
        source: 'participant',
        capacity: null,
        actionIds: [],
        proposedBy: member.participant.id,
        createdAt: clock.now(),
      };
      await store.createTopic(topic);
      return listFor(member, 'proposed', topic);
    },

    async report(who, text) {
      const member = await kit.memberOfChat(who);
      if (isAnswer(member)) return member;
      const entry = await kit.present(member);
      if (isAnswer(entry)) return entry;
      const { event, language, participant } = member;
      const mine = (await store.signUps(event.id)).filter((signUp) => signUp.participantId === participant.id).sort((a, b) => b.at.getTime() - a.at.getTime() || b.slot - a.slot)[0];
      const topic = mine ? (await store.topics(event.id)).find((candidate) => candidate.id === mine.topicId) : undefined;
      if (!topic) return kit.refused('not_member', language, event, '');
      const before = (await store.reports(event.id)).find((report) => report.topicId === topic.id);
      if (text.trim() === '') return { kind: 'report_prompt', event, language, topic, report: before };
      const answers = parseReport(text);
      if (!answers) return kit.refused('report_format', language, event, topic.title);
      await store.saveReport({ topicId: topic.id, ...answers, participantId: participant.id, updatedAt: clock.now() });
      return listFor(member, 'report_saved', topic);
    },
  };
}
