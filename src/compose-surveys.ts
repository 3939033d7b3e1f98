import type { Outbox } from './delivery/outbox.js';
import { type EventRecord, type Events, type EventStore, evaluationSlot, eventName, personKeyOf } from './events/index.js';
import type { FlowCatalog } from './flows/catalog.js';
import type { I18n } from './i18n/index.js';
import type { Clock } from './shared/clock.js';
import type { IdentityProtector } from './shared/crypto.js';
import type { UraPrisma } from './storage/database.js';
import { createSurveyRepository } from './storage/survey-repository.js';
import { createSurveyRunRepository } from './storage/survey-run-repository.js';
import {
  createRunChat,
  createRunDelivery,
  participantSubject,
  createSurveyRuns,
  createSurveys,
  formTranslate,
  RUN_PURPOSES,
  runTokens,
  SURVEYS_AREA,
  respondentKeys,
  type SurveyAttendees,
  type SurveyRuns,
  type SurveyEvent,
  type Surveys,
  type SurveyWriter,
  takesAnswersAt,
} from './surveys/index.js';

/** The events area as the surveys' runs see it: an event's evaluation slot and its checked-in participants. */
export function surveyAttendees(deps: { events: Pick<Events, 'find' | 'programme'>; store: EventStore; identity: IdentityProtector }): SurveyAttendees {
  const { events, store, identity } = deps;
  const surveyEvent = async (event: EventRecord): Promise<SurveyEvent> => ({
    id: event.id,
    name: (language) => eventName(event, language),
    languages: event.languages,
    evaluation: evaluationSlot(event, await events.programme(event.id)) ?? null,
  });
  const telegramKeyOf = (telegramId: number) => identity.hashId('participant', telegramId);
  const here = (participant: { leftAt: Date | null; deletedAt: Date | null } | undefined) => participant !== undefined && participant.leftAt === null && participant.deletedAt === null;
  return {
    async event(ref) {
      const event = await events.find(ref);
      return event ? surveyEvent(event) : undefined;
    },
    async present(eventId, day) {
      const [participants, attendance] = await Promise.all([store.participants(eventId), store.attendance(eventId)]);
      const checkedIn = new Set(attendance.filter((row) => day === null || row.day === day).map((row) => row.personKey));
      return participants.flatMap((participant) =>
        here(participant) && participant.chatCipher !== null && participant.telegramKey !== null && checkedIn.has(personKeyOf(participant))
          ? [{ participantId: participant.id, subject: participantSubject(participant.telegramKey), chatId: Number(identity.open(participant.chatCipher)), language: participant.language }]
          : [],
      );
    },
    subjectOf: (telegramId) => participantSubject(telegramKeyOf(telegramId)),
    async checkedIn(eventId, telegramId) {
      const telegramKey = telegramKeyOf(telegramId);
      const participant = await store.participantByTelegramKey(eventId, telegramKey);
      if (!participant || !here(participant)) return undefined;
      const key = personKeyOf(participant);
      return (await store.attendance(eventId)).some((row) => row.personKey === key) ? { subject: participantSubject(telegramKey), language: participant.language } : undefined;
    },
    async profile(eventId, telegramId) {
      const participant = await store.participantByTelegramKey(eventId, telegramKeyOf(telegramId));
      if (!participant || !here(participant)) return null;
      const organisation = participant.organisationId === null ? undefined : (await store.organisations(eventId)).find((one) => one.id === participant.organisationId);
      return { orgType: organisation?.orgType ?? null, region: participant.region };
    },
    reachable: async (participantId) => {
      const participant = await store.participant(participantId);
      return here(participant) && participant?.chatCipher !== null;
    },
  };
}

/**
 * Evaluation runs: the organisers' use-cases, answering in the chat, and the tick that
 * sends, reminds and closes; their messages go through the one outbox under the surveys'
 * own purposes, each re-checked before it goes (the participant is still here, the run open).
 */
export function composeSurveyRuns(deps: {
  prisma: UraPrisma;
  surveys: Surveys;
  catalog: FlowCatalog;
  events: Pick<Events, 'find' | 'programme'>;
  eventStore: EventStore;
  identity: IdentityProtector;
  outbox: Outbox;
  write: SurveyWriter;
  i18n: I18n;
  clock: Clock;
}) {
  const { prisma, surveys, catalog, identity, outbox, clock } = deps;
  const store = createSurveyRunRepository(prisma);
  const attendees = surveyAttendees({ events: deps.events, store: deps.eventStore, identity });
  const token = runTokens(identity);
  outbox.register({
    area: SURVEYS_AREA,
    purposes: { [RUN_PURPOSES.opening]: 'bulk', [RUN_PURPOSES.reminder]: 'bulk' },
    async mayReach(row) {
      const run = row.topic?.startsWith('survey:') ? await store.run(row.topic.slice('survey:'.length)) : undefined;
      return run !== undefined && takesAnswersAt(run, clock.now()) && (row.recipientId === null || (await attendees.reachable(row.recipientId)));
    },
  });
  return {
    runs: createSurveyRuns({ surveys, store, catalog, attendees, clock, translate: formTranslate(deps.i18n) }),
    chat: createRunChat({ surveys, store, attendees, token, clock }),
    delivery: createRunDelivery({ store, catalog, attendees, outbox, write: deps.write, token, clock }),
  };
}

export type SurveyRunParts = ReturnType<typeof composeSurveyRuns>;

/**
 * The organisers' use-cases of runs alone, over the database, without the bot, the
 * outbox or the tick: what the command line and the organiser pages' tests compose.
 */
export function surveyRunsOver(deps: {
  prisma: UraPrisma;
  catalog: FlowCatalog;
  events: Pick<Events, 'find' | 'programme'>;
  eventStore: EventStore;
  identity: IdentityProtector;
  i18n: I18n;
  clock: Clock;
}): SurveyRuns {
  const { prisma, catalog, identity, clock } = deps;
  const surveys = createSurveys({ catalog, store: createSurveyRepository(prisma), respondentKey: respondentKeys(identity), clock });
  const attendees = surveyAttendees({ events: deps.events, store: deps.eventStore, identity });
  return createSurveyRuns({ surveys, store: createSurveyRunRepository(prisma), catalog, attendees, clock, translate: formTranslate(deps.i18n) });
}
