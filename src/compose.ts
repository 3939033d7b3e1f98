import { composeHandoff, type HandoffParts } from './compose-handoff.js';
import type { FlowCatalog } from './flows/catalog.js';
import { createInvitations } from './staff/invitations.js';
import type { BotCall } from './delivery/outbox.js';
import type { ClaimTargets } from './helpline/handoff/targets.js';
import { createContacts } from './helpline/contacts.js';
import type { Directory } from './helpline/directory.js';
import { createHelpSeeking } from './helpline/help-seeking.js';
import { createHelpline } from './helpline/helpline.js';
import { createUrgentWords } from './helpline/urgent-words.js';
import type { I18n } from './i18n/index.js';
import type { Resource } from 'i18next';
import type { Clock } from './shared/clock.js';
import type { IdentityProtector } from './shared/crypto.js';
import type { Logger } from './shared/logger.js';
import { createContactRepository } from './storage/contact-repository.js';
import type { UraPrisma } from './storage/database.js';
import {
  createCaseRepository,
  createConversationRepository,
  createEraser,
  createMessageLogRepository,
} from './storage/helpline-repositories.js';
import { createInvitationRepository } from './storage/invitation-repository.js';
import { createOperatorRepository } from './storage/operator-repository.js';
import { createSessionRepository, type SessionStore } from './storage/session-repository.js';
import { parseSession, type SessionData } from './transport/telegram/context.js';
import type { AreaBotDeps } from './transport/telegram/area-composers.js';
import { createRateLimiter } from './transport/telegram/rate-limiter.js';

/**
 * Per person and minute: typed messages (a flood is typed or scripted), and button
 * presses, which only go where Ura leads and so may come much faster.
 */
export const RATE_LIMITS = { messages: { limit: 20, windowMs: 60_000 }, buttons: { limit: 90, windowMs: 60_000 } };

/**
 * Wires the helpline's use-cases to their repositories: one place for the
 * composition root, the benchmarks and the end-to-end tests.
 */
export function composeHelpline(deps: {
  prisma: UraPrisma;
  /** Makes deleted rows unreadable in the database files (Database.scrub), after /delete. */
  scrub: () => Promise<boolean>;
  catalog: FlowCatalog;
  directory: Directory;
  identity: IdentityProtector;
  i18n: I18n;
  /** The locale files as read once at start (urgent words come from them). */
  locales: Resource;
  clock: Clock;
  logger: Logger;
  retentionDays: number;
  /** How the outbox reaches Telegram. */
  call: BotCall;
  timezone: string;
  targets: ClaimTargets;
}): AreaBotDeps & { sessions: SessionStore<SessionData>; parts: HandoffParts } {
  const { prisma, catalog, directory, identity, i18n, clock, logger, retentionDays } = deps;
  const contacts = createContacts({ store: createContactRepository(prisma), identity, clock });
  const messages = createMessageLogRepository(prisma);
  const parts = composeHandoff({ prisma, catalog, identity, i18n, contacts, messages, call: deps.call, clock, logger, timezone: deps.timezone, targets: deps.targets });
  const operators = createOperatorRepository(prisma);
  const helpline = createHelpline({ catalog, conversations: createConversationRepository(prisma), cases: createCaseRepository(prisma), clock });
  const erase = createEraser({ prisma, scrub: deps.scrub }, clock).erase;
  const seeking = createHelpSeeking({ helpline, handoff: parts.handoff, paging: parts.paging, messages, erase, urgentWords: createUrgentWords(deps.locales), clock, logger });
  return {
    parts,
    sessions: createSessionRepository(prisma, clock, parseSession),
    console: { handoff: parts.handoff, duty: parts.duty, dutyStore: parts.dutyStore, views: parts.views, logger },
    invitations: { invitations: createInvitations({ store: createInvitationRepository(prisma), operators, clock }), operators, i18n, logger },
    helpline: {
      helpline,
      seeking,
      handoff: parts.handoff,
      directory,
      contacts,
      messages,
      identity,
      i18n,
      rateLimits: { messages: createRateLimiter(RATE_LIMITS.messages), buttons: createRateLimiter(RATE_LIMITS.buttons) },
      clock,
      logger,
      retentionDays,
    },
  };
}
