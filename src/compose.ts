import { composeHandoff } from './compose-handoff.js';
import { composeSurveyRuns } from './compose-surveys.js';
import type { BotCall } from './delivery/outbox.js';
import type { RateLimits } from './delivery/throttle.js';
import {
  cafeBoard,
  cafeDeliveryRules,
  createBoard,
  createBoardControls,
  createCafe,
  createCafeDesk,
  createEventChatRetention,
  createEvents,
  createOrganiserDesk,
  createParticipation,
  createThemes,
  EVENTS_NAMESPACE,
  eventName,
  loadTemplates,
  textAt,
} from './events/index.js';
import type { FlowCatalog } from './flows/catalog.js';
import { createContacts } from './helpline/contacts.js';
import type { Directory } from './helpline/directory.js';
import type { ClaimTargets } from './helpline/handoff/targets.js';
import { createHelpSeeking } from './helpline/help-seeking.js';
import { createHelpline } from './helpline/helpline.js';
import { createRetention } from './helpline/retention.js';
import { createUrgentWords } from './helpline/urgent-words.js';
import { type I18n, isLanguage } from './i18n/index.js';
import type { Resource } from 'i18next';
import type { Clock } from './shared/clock.js';
import type { IdentityProtector } from './shared/crypto.js';
import type { Logger } from './shared/logger.js';
import { createInvitations } from './staff/invitations.js';
import { createOrganiserSignIn } from './staff/organiser-sign-in.js';
import { createContactRepository } from './storage/contact-repository.js';
import { createEventCafeRepository } from './storage/event-cafe-repository.js';
import { createEventChatRetentionRepository } from './storage/event-chat-repository.js';
import { createEventStore } from './storage/event-repository.js';
import { createParticipationStore } from './storage/event-participation-repository.js';
import type { Database, UraPrisma } from './storage/database.js';
import { createCaseRepository, createConversationRepository, createEraser, createMessageLogRepository } from './storage/helpline-repositories.js';
import { createInvitationRepository } from './storage/invitation-repository.js';
import { createDutyRepository, createOperatorRepository } from './storage/operator-repository.js';
import { createOrganiserSessionRepository } from './storage/organiser-session-repository.js';
import { createRetentionRepository } from './storage/retention-repository.js';
import { firstReads } from './storage/first-reads.js';
import { createSessionRepository } from './storage/session-repository.js';
import { createSurveyRepository, createSurveyRetentionRepository } from './storage/survey-repository.js';
import { codingForReports, createCoding, createCodingChat, createSurveyRetention, createSurveys, evaluationForms, respondentKeys } from './surveys/index.js';
import { createCodingRepository } from './storage/coding-repository.js';
import type { AreaBotDeps } from './transport/telegram/area-composers.js';
import { parseSession } from './transport/telegram/context.js';
import { staffLookup } from './transport/telegram/staff-lookup.js';
import { participationWriter, VOTING_NAMESPACE } from './transport/telegram/events-vote-views.js';
import { surveyWriter } from './transport/telegram/survey-views.js';
import { createRateLimiter, type RateLimiter } from './transport/telegram/rate-limiter.js';

/**
 * Per person and minute: typed messages (a flood is typed or scripted), and button
 * presses, which only go where Ura leads and so may come much faster.
 */
export const RATE_LIMITS = { messages: { limit: 20, windowMs: 60_000 }, buttons: { limit: 90, windowMs: 60_000 } };

export interface AreaDeps {
  prisma: UraPrisma;
  /** The statements every update runs, straight to the driver (Database.sql). */
  sql: Database['sql'];
  /** Makes deleted rows unreadable in the database files (Database.scrub), after /delete and retention. */
  scrub: Database['scrub'];
  catalog: FlowCatalog;
  directory: Directory;
  identity: IdentityProtector;
  i18n: I18n;
  /** The locale files as read once at start (urgent words come from them). */
  locales: Resource;
  clock: Clock;
  logger: Logger;
  retentionDays: number;
  /** How long survey answers are kept (their own retention, apart from the helpline's). */
  surveyRetentionDays: number;
  /** How the outbox reaches Telegram; none when Telegram is off, and then what is queued waits. */
  call: BotCall | undefined;
  /** How fast the outbox may write: Telegram's limits unless told otherwise. */
  outboxLimits?: Partial<RateLimits>;
  timezone: string;
  targets: ClaimTargets;
  /** Where browsers reach Ura (PUBLIC_URL or the address it listens on), for the organisers' sign-in links. */
  webUrl?: () => string;
}

/**
 * Every area wired to its repositories: the helpline with its handoff (and the
 * outbox it writes to), staff, surveys, retention. Nothing here needs Telegram: the
 * composition root builds this whether or not a bot token is set.
 */
export function composeAreas(deps: AreaDeps) {
  const { prisma, sql, catalog, directory, identity, i18n, clock, logger, retentionDays } = deps;
  const contacts = createContacts({ store: createContactRepository(prisma, sql), identity, clock });
  const messages = createMessageLogRepository(prisma, sql);
  const parts = composeHandoff({
    prisma,
    sql,
    catalog,
    directory,
    identity,
    i18n,
    contacts,
    messages,
    call: deps.call,
    clock,
    logger,
    timezone: deps.timezone,
    targets: deps.targets,
    ...(deps.outboxLimits ? { outboxLimits: deps.outboxLimits } : {}),
  });
  const operators = createOperatorRepository(prisma);
  const respondentKey = respondentKeys(identity);
  const surveyStore = createSurveyRepository(prisma);
  const surveys = createSurveys({ catalog, store: surveyStore, respondentKey, clock });
  const helpline = createHelpline({ catalog, conversations: createConversationRepository(prisma, sql), cases: createCaseRepository(prisma, sql), surveys, clock });
  const erase = createEraser({ prisma, sql, scrub: deps.scrub }, clock, respondentKey).erase;
  const eventStore = createEventStore(prisma);
  const events = createEvents({
    store: eventStore,
    templates: loadTemplates(undefined, deps.locales).catalog,
    text: (language, key) => textAt(deps.locales[language]?.[EVENTS_NAMESPACE], key),
    identity,
    clock,
    timezone: deps.timezone,
  });
  // Group work, Open Space and polls: their messages go through the one outbox, under their own purposes.
  const participation = createParticipation({
    events,
    people: eventStore,
    store: createParticipationStore(prisma),
    staff: operators,
    identity,
    outbox: parts.outbox,
    write: participationWriter(i18n),
    label: (language, key) => textAt(deps.locales[language]?.[VOTING_NAMESPACE], key),
    clock,
    languages: i18n.languages,
  });
  parts.outbox.register(participation.deliveryRules);
  const cafeStore = createEventCafeRepository(prisma);
  parts.outbox.register(cafeDeliveryRules(eventStore));
  const cafe = createCafe({
    store: cafeStore,
    events: eventStore,
    outbox: parts.outbox,
    identity,
    clock,
    say: (language, key, vars) => i18n.t(isLanguage(language) ? language : 'sq', `events.cafe:${key}`, vars),
    languages: i18n.languages,
  });
  // Evaluation runs: sent at the programme's evaluation slot, answered in the chat, reminded, closed.
  const surveyRuns = composeSurveyRuns({ prisma, surveys, catalog, events, eventStore, identity, outbox: parts.outbox, write: surveyWriter(i18n), i18n, clock });
  const coding = createCoding({ store: createCodingRepository(prisma), clock });
  return {
    parts,
    duty: parts.duty,
    directory,
    helpline,
    seeking: createHelpSeeking({ helpline, handoff: parts.handoff, paging: parts.paging, messages, erase, urgentWords: createUrgentWords(deps.locales), clock, logger }),
    contacts,
    messages,
    operators,
    /** Every staff member with their duty state, organisers included (the handoff's own view leaves them out). */
    staffOnDuty: createDutyRepository(prisma, sql),
    invitations: createInvitations({ store: createInvitationRepository(prisma), operators, clock }),
    organiserSignIn: createOrganiserSignIn({ store: createOrganiserSessionRepository(prisma), staff: operators, clock }),
    webUrl: deps.webUrl ?? (() => 'http://127.0.0.1:3000'),
    surveys,
    /** The survey tables, for the evaluation reports. */
    surveyStore,
    /** The coders' work on open answers, as the evaluation reports read it. */
    codingReports: codingForReports(coding),
    /** Coding an event's open answers in an organiser's chat. */
    codingChat: createCodingChat({
      coding,
      events: {
        async find(ref) {
          const event = await events.find(ref);
          return event && { id: event.id, joinCode: event.joinCode, name: (language: string) => eventName(event, language) };
        },
        organises: (eventId, staffId) => events.isOrganiser(eventId, staffId),
      },
      forms: evaluationForms(catalog),
    }),
    /** The flows, helpline and surveys. */
    catalog,
    surveyRuns,
    // Templates with a problem are left out here; start-up refuses them (main.ts).
    events,
    participation,
    /** The World Café: rounds, their tick, a host's key points; the codebook; the projector's read. */
    cafe,
    themes: createThemes({ store: cafeStore, clock }),
    cafeBoard: (eventId: string) => cafeBoard({ store: cafeStore, events: eventStore, clock }, eventId),
    /** The projector's board, from the café's and the polls' tables, and its control view's buttons on their use-cases. */
    board: createBoard({
      event: (eventId) => events.find(eventId),
      cafe: (eventId) => cafeBoard({ store: cafeStore, events: eventStore, clock }, eventId),
      polls: async (eventId) => (await participation.pollBoard(eventId)).polls,
      work: (eventId) => participation.workBoard(eventId),
    }),
    boardControls: createBoardControls({ events, cafe, polls: participation.polls }),
    retention: createRetention({ store: createRetentionRepository({ prisma, scrub: deps.scrub }), clock, days: retentionDays }),
    eventChatRetention: createEventChatRetention({ events: eventStore, store: createEventChatRetentionRepository({ prisma, scrub: deps.scrub }), clock, days: retentionDays }),
    surveyRetention: createSurveyRetention({ store: createSurveyRetentionRepository({ prisma, scrub: deps.scrub }), clock, days: deps.surveyRetentionDays, inProgressDays: retentionDays }),
    identity,
    i18n,
    clock,
    logger,
    retentionDays,
  };
}

export type Areas = ReturnType<typeof composeAreas>;

/** What the bot keeps besides the areas: each chat's session (with the first reads of an update) and each person's rate limits. */
export function telegramState(sql: Database['sql'], clock: Clock) {
  return {
    sessions: createSessionRepository(sql, clock, parseSession),
    readFirst: firstReads(sql),
    rateLimits: { messages: createRateLimiter(RATE_LIMITS.messages), buttons: createRateLimiter(RATE_LIMITS.buttons) },
  };
}

/** Each area's composer deps, taken from the areas: what the Telegram transport may call. */
export function areaBotDeps(areas: Areas, rateLimits: { messages: RateLimiter; buttons: RateLimiter }): AreaBotDeps {
  const { parts, logger, i18n } = areas;
  // Every staff member, whatever the role: the organisers' and the case console's composers share one read per update.
  const staffOf = staffLookup(areas.staffOnDuty.dutyOf);
  return {
    events: {
      chat: areas.events.chat,
      desk: createOrganiserDesk({ events: areas.events, staff: areas.operators, clock: areas.clock, languages: i18n.languages }),
      cafe: { cafe: areas.cafe, desk: createCafeDesk({ cafe: areas.cafe, events: areas.events, staff: areas.operators, clock: areas.clock, languages: i18n.languages }) },
      i18n,
      logger,
      voting: { participation: areas.participation, i18n },
      rateLimits,
      identity: areas.identity,
      clock: areas.clock,
    },
    surveys: { chat: areas.surveyRuns.chat, i18n, rateLimits, identity: areas.identity, clock: areas.clock },
    organisers: { staffOf, signIn: areas.organiserSignIn, webUrl: areas.webUrl, i18n, logger, coding: areas.codingChat },
    console: { staffOf, handoff: parts.handoff, duty: parts.duty, dutyStore: parts.dutyStore, views: parts.views, logger },
    invitations: { invitations: areas.invitations, operators: areas.operators, i18n, logger },
    helpline: {
      helpline: areas.helpline,
      seeking: areas.seeking,
      handoff: parts.handoff,
      directory: areas.directory,
      contacts: areas.contacts,
      messages: areas.messages,
      identity: areas.identity,
      i18n,
      rateLimits,
      clock: areas.clock,
      logger,
      retentionDays: areas.retentionDays,
    },
  };
}

/**
 * The areas, each composer's deps and the bot's sessions, ready for createBot: the
 * end-to-end tests and the benchmarks build their bot from it, as the composition root does.
 */
export function composeHelpline(deps: Omit<AreaDeps, 'call'> & { call: BotCall }) {
  const areas = composeAreas(deps);
  const { sessions, readFirst, rateLimits } = telegramState(deps.sql, deps.clock);
  return { ...areaBotDeps(areas, rateLimits), areas, parts: areas.parts, sessions, readFirst };
}
