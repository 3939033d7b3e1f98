import { newId } from '../../shared/ids.js';
import type { ChatWho } from '../chat-answer.js';
import type { EventRecord } from '../model.js';
import type { ParticipationAnswer } from '../participation-answer.js';
import { isAnswer, PARTICIPATION_PURPOSES, type Facilitator, type ParticipationKit } from '../participation-kit.js';
import { byRef, shortRef } from '../registration.js';
import { isChoice, optionsOf, POLL_KINDS, type Poll, type PollInput, pollInputSchema, type PollResult, tally } from './poll.js';

export type PollCreation = { kind: 'created'; poll: Poll } | { kind: 'invalid'; problems: { field: string; message: string }[] };
export type PollChange = { kind: 'opened'; poll: Poll; sent: number } | { kind: 'closed'; poll: Poll } | { kind: 'unchanged'; poll: Poll };

/**
 * Live polls: a facilitator makes one (a draft), opens it (its question goes to every
 * checked-in participant through the outbox, in the same transaction) and closes it.
 * A participant has one vote per poll, which they may change until it closes; nobody
 * but the facilitators and the projector sees counts, and nobody sees whose vote is whose.
 */
export interface Polls {
  create(event: EventRecord, input: PollInput): Promise<PollCreation>;
  list(eventId: string): Promise<Poll[]>;
  /** A poll of the event by its id or the first characters of it (as `ura events poll list` prints them). */
  find(eventId: string, ref: string): Promise<Poll | undefined>;
  open(event: EventRecord, poll: Poll): Promise<PollChange>;
  close(poll: Poll): Promise<PollChange>;
  /** The event's opened polls with counts, and the checked-in participants now. */
  results(event: EventRecord): Promise<PollResult[]>;
  /** `/polls` from a facilitator: their event's polls with results; from a participant: the open polls. */
  shown(who: ChatWho): Promise<ParticipationAnswer>;
  /** A facilitator's button: open, close or show a poll. */
  act(who: ChatWho, joinCode: string, pollRef: string, action: 'open' | 'close' | 'show'): Promise<ParticipationAnswer>;
  /**
   * `/newpoll <kind> <question>` from a facilitator (`single`: `<question> | <option> | <option>`):
   * a draft in the facilitator's language, shown with their polls to open it.
   */
  fromChat(who: ChatWho, text: string): Promise<ParticipationAnswer>;
  /** A participant's vote button. */
  vote(who: ChatWho, joinCode: string, pollRef: string, choice: number): Promise<ParticipationAnswer>;
}

export function createPolls(kit: ParticipationKit): Polls {
  const { deps } = kit;
  const { store, clock } = deps;

  async function results(event: EventRecord): Promise<PollResult[]> {
    const polls = (await store.polls(event.id)).filter((poll) => poll.status !== 'draft');
    const [votes, present] = await Promise.all([store.votes(polls.map((poll) => poll.id)), kit.checkedIn(event)]);
    return polls.map((poll) => tally(poll, votes, present.length));
  }

  async function desk(at: Facilitator, changed?: { pollId: string; to: 'open' | 'closed'; sent: number }): Promise<ParticipationAnswer> {
    const polls = await store.polls(at.event.id);
    const [votes, present] = await Promise.all([store.votes(polls.map((poll) => poll.id)), kit.checkedIn(at.event)]);
    return { kind: 'poll_desk', event: at.event, language: at.language, polls: polls.map((poll) => ({ ...tally(poll, votes, present.length), poll })), ...(changed ? { changed } : {}) };
  }

  async function open(event: EventRecord, poll: Poll): Promise<PollChange> {
    if (poll.status !== 'draft') return { kind: 'unchanged', poll };
    const opened: Poll = { ...poll, status: 'open', openedAt: clock.now() };
    const outgoing = (await kit.checkedIn(event)).flatMap(({ participant }) =>
      kit.toParticipant(
        participant,
        { kind: 'poll', event, language: kit.languageOf(event, participant, event.languages[0] ?? 'sq'), poll: opened, mine: undefined },
        PARTICIPATION_PURPOSES.poll,
        poll.id,
        `poll:${poll.id}:${participant.id}`,
      ),
    );
    if (!(await store.openPoll(poll.id, clock.now(), deps.outbox.prepare(outgoing)))) return { kind: 'unchanged', poll: (await store.poll(poll.id)) ?? poll };
    deps.outbox.kick();
    return { kind: 'opened', poll: opened, sent: outgoing.length };
  }

  async function close(poll: Poll): Promise<PollChange> {
    if (!(await store.closePoll(poll.id, clock.now()))) return { kind: 'unchanged', poll: (await store.poll(poll.id)) ?? poll };
    return { kind: 'closed', poll: { ...poll, status: 'closed', closedAt: clock.now() } };
  }

  async function create(event: EventRecord, input: PollInput): Promise<PollCreation> {
    const parsed = pollInputSchema.safeParse(input);
    if (!parsed.success) return { kind: 'invalid', problems: parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message })) };
    const poll: Poll = {
      id: newId(),
      eventId: event.id,
      kind: parsed.data.kind,
      question: parsed.data.question,
      options: optionsOf(parsed.data, event.languages, (language, key) => deps.label(language, `options.${key}`) ?? deps.label('en', `options.${key}`) ?? key),
      status: 'draft',
      createdAt: clock.now(),
      openedAt: null,
      closedAt: null,
    };
    await store.createPoll(poll);
    return { kind: 'created', poll };
  }

  return {
    create,
    list: (eventId) => store.polls(eventId),
    async find(eventId, ref) {
      const wanted = ref.trim().toLowerCase();
      if (wanted.length < 4) return undefined;
      const found = (await store.polls(eventId)).filter((poll) => poll.id === wanted || poll.id.startsWith(wanted) || shortRef(poll.id).startsWith(wanted.replace(/-/g, '')));
      return found.length === 1 ? found[0] : undefined;
    },
    open,
    close,
    results,

    async shown(who) {
      const at = await kit.facilitatorOf(who);
      if (at) return desk(at);
      const member = await kit.memberOfChat(who);
      if (isAnswer(member)) return member;
      const open = (await store.polls(member.event.id)).filter((poll) => poll.status === 'open');
      if (open.length === 0) return kit.refused('no_poll', member.language, member.event);
      const votes = await store.votes(open.map((poll) => poll.id));
      const mine = (poll: Poll) => votes.find((vote) => vote.pollId === poll.id && vote.participantId === member.participant.id)?.choice;
      return { kind: 'open_polls', event: member.event, language: member.language, polls: open.map((poll) => ({ poll, mine: mine(poll) })) };
    },

    async fromChat(who, text) {
      const at = await kit.facilitatorOf(who);
      if (!at) return kit.refused('not_organiser', who.language);
      const [kindWord = '', ...words] = text.trim().split(/\s+/);
      const kind = POLL_KINDS.find((candidate) => candidate === kindWord.toLowerCase().replace('-', '_'));
      const [question = '', ...options] = words
        .join(' ')
        .split('|')
        .map((part) => part.trim());
      const inLanguage = (value: string) => ({ [at.language]: value });
      const input: PollInput | undefined =
        kind === 'single' ? { kind, question: inLanguage(question), options: options.map(inLanguage) } : kind && options.length === 0 ? { kind, question: inLanguage(question) } : undefined;
      const made = input ? await create(at.event, input) : undefined;
      if (made?.kind !== 'created') return kit.refused('poll_format', at.language, at.event);
      return desk(at);
    },

    async act(who, joinCode, pollRef, action) {
      const at = await kit.facilitatorOf(who, joinCode);
      if (!at) return kit.refused('not_organiser', who.language);
      const poll = byRef(await store.polls(at.event.id), pollRef);
      if (!poll) return kit.refused('stale', at.language, at.event);
      if (action === 'show') return desk(at);
      const change = action === 'open' ? await open(at.event, poll) : await close(poll);
      if (change.kind === 'unchanged') return kit.refused(poll.status === 'closed' ? 'poll_closed' : action === 'open' ? 'stale' : 'poll_not_open', at.language, at.event);
      return desk(at, { pollId: poll.id, to: change.kind === 'opened' ? 'open' : 'closed', sent: change.kind === 'opened' ? change.sent : 0 });
    },

    async vote(who, joinCode, pollRef, choice) {
      const member = await kit.memberByCode(who, joinCode);
      if (isAnswer(member)) return member;
      const { event, language, participant } = member;
      const poll = byRef(await store.polls(event.id), pollRef);
      if (!poll || !isChoice(poll, choice)) return kit.refused('stale', language, event);
      if (poll.status === 'closed') return kit.refused('poll_closed', language, event);
      if (poll.status === 'draft') return kit.refused('poll_not_open', language, event);
      const entry = await kit.present(member);
      if (isAnswer(entry)) return entry;
      const cast = await store.castVote({ pollId: poll.id, participantId: participant.id, choice, at: clock.now() });
      if (cast.kind === 'closed') return kit.refused('poll_closed', language, event);
      const note = cast.before === undefined ? 'recorded' : cast.before === choice ? 'same' : 'changed';
      return { kind: 'poll', event, language, poll, mine: choice, note };
    },
  };
}
