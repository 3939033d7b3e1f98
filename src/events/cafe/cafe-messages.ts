import type { Outgoing } from '../../delivery/model.js';
import type { IdentityProtector } from '../../shared/crypto.js';
import type { EventRecord, EventSession } from '../model.js';
import { reachable, type CafePerson } from './cafe-people.js';
import { textIn } from './codebook.js';
import type { CafeNote, CafeRound, CafeSeat } from './model.js';

/** A text of the World Café namespace in a language. */
export type Say = (language: string, key: string, vars?: Record<string, string | number>) => string;

/** The outbox purposes of the café: round announcements, and a host's harvest (asks and last round's points). */
export const CAFE_PURPOSES = { round: 'cafe_round', harvest: 'cafe_harvest' } as const;

export type CafeSession = Extract<EventSession, { kind: 'world_cafe' }>;

export interface MessageContext {
  event: EventRecord;
  session: CafeSession;
  round: CafeRound;
  people: ReadonlyMap<string, CafePerson>;
  identity: IdentityProtector;
  say: Say;
  /** The languages Ura writes. */
  languages: readonly string[];
}

/**
 * The messages of a round's announcements, written in each participant's language.
 * Only participants still here are written to; the outbox asks again just before
 * sending (a participant may leave meanwhile).
 */
export function roundMessages(context: MessageContext) {
  const { event, session, round, people, identity, say } = context;
  const languageOf = (language: string) => (context.languages.includes(language) ? language : (event.languages.find((other) => context.languages.includes(other)) ?? 'sq'));
  const topic = `cafe:${round.id}`;

  function to(seat: CafeSeat, kind: string, purpose: string, text: (language: string) => string, unique = ''): Outgoing[] {
    const participant = people.get(seat.participantId)?.participant;
    if (!reachable(participant)) return [];
    const language = languageOf(participant.language);
    return [
      {
        chatId: Number(identity.open(participant.chatCipher)),
        method: 'sendMessage',
        payload: { text: text(language) },
        dedupeKey: `cafe:${kind}:${round.id}:${seat.participantId}${unique}`,
        purpose,
        topic,
        recipientId: seat.participantId,
      },
    ];
  }
  const base = (language: string, seat: CafeSeat) => ({ round: round.number, of: session.rounds, session: textIn(session.title, language, event.languages), table: seat.table });
  const hostOf = (seats: readonly CafeSeat[], table: number) => seats.find((other) => other.table === table && other.host);
  const nameOf = (id: string | undefined, language: string) => (id && people.get(id)?.name) || say(language, 'round.no_host');

  return {
    /** Table, host and question to everyone seated; to each host also the key points their table gathered in the round before. */
    start(seats: readonly CafeSeat[], previous: readonly CafeNote[]): Outgoing[] {
      return seats.flatMap((seat) => {
        const question = (language: string) => textIn(session.questions[round.number - 1] ?? {}, language, event.languages);
        const announcement = to(seat, 'start', CAFE_PURPOSES.round, (language) =>
          say(language, seat.host ? 'round.start_host' : 'round.start', { ...base(language, seat), host: nameOf(hostOf(seats, seat.table)?.participantId, language), question: question(language) }),
        );
        if (!seat.host) return announcement;
        const points = previous.filter((note) => note.table === seat.table && note.text);
        if (points.length === 0) return announcement;
        return [
          ...announcement,
          ...to(seat, 'points', CAFE_PURPOSES.harvest, (language) =>
            say(language, 'round.previous', { table: seat.table, round: round.number - 1, points: points.map((note) => `• ${note.text}`).join('\n') }),
          ),
        ];
      });
    },
    warn: (seats: readonly CafeSeat[]): Outgoing[] =>
      seats.flatMap((seat) => to(seat, 'warn', CAFE_PURPOSES.round, (language) => say(language, 'round.warning', base(language, seat)), `:${round.warnAt?.getTime() ?? 0}`)),
    /** The attention signal to everyone; each host is asked for the table's key points. */
    end: (seats: readonly CafeSeat[]): Outgoing[] =>
      seats.flatMap((seat) => [
        ...to(seat, 'end', CAFE_PURPOSES.round, (language) => say(language, 'round.end', base(language, seat))),
        ...(seat.host ? to(seat, 'ask', CAFE_PURPOSES.harvest, (language) => say(language, 'round.ask', base(language, seat))) : []),
      ]),
    /** To a table's new host, when the one before left mid-round. */
    newHost: (seat: CafeSeat): Outgoing[] => to(seat, 'host', CAFE_PURPOSES.round, (language) => say(language, 'round.new_host', base(language, seat))),
  };
}
