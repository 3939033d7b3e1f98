import type { FlowCatalog } from './flows/catalog.js';
import { createDeliveries } from './helpline/handoff/deliveries.js';
import { createDuty } from './helpline/handoff/duty.js';
import { createHandoff, type Handoff } from './helpline/handoff/handoff.js';
import { createOutbox, type BotCall, type Outbox } from './delivery/outbox.js';
import { createPaging } from './helpline/handoff/paging.js';
import type { ClaimTargets } from './helpline/handoff/targets.js';
import { createViews } from './helpline/handoff/views.js';
import type { Contacts } from './helpline/contacts.js';
import type { Directory } from './helpline/directory.js';
import type { MessageLog } from './helpline/message-log.js';
import type { I18n } from './i18n/index.js';
import type { Clock } from './shared/clock.js';
import type { IdentityProtector } from './shared/crypto.js';
import type { Logger } from './shared/logger.js';
import type { UraPrisma } from './storage/database.js';
import { createHandoffRepository } from './storage/handoff-repository.js';
import { createDutyRepository } from './storage/operator-repository.js';
import { createOutboxRepository } from './storage/outbox-repository.js';
import { createShiftRepository } from './storage/shift-repository.js';

/** Never reached: an outbox without Telegram holds its messages (below). Were it reached, the message would be tried again later. */
const telegramOff: BotCall = async () => ({ ok: false, code: 0, description: 'Telegram is off' });

/**
 * The outbox while Telegram is off (no bot token). Messages are queued as ever, and
 * nothing tries to send them: a failed try would spend one of a message's attempts,
 * and after the last it is given up. So they stay pending, untouched, and go out at
 * the first tick after Ura starts with a token.
 */
const holding = (outbox: Outbox): Outbox => ({ ...outbox, drain: async () => 0, kick: () => undefined, idle: async () => undefined });

/**
 * Wires operators, paging, the relay and the outbox: the composition root, the
 * end-to-end tests and the benchmarks share it.
 */
export function composeHandoff(deps: {
  prisma: UraPrisma;
  catalog: FlowCatalog;
  directory: Directory;
  identity: IdentityProtector;
  i18n: I18n;
  contacts: Pick<Contacts, 'chatOf'>;
  messages: MessageLog;
  /** How the outbox reaches Telegram; none when Telegram is off. */
  call: BotCall | undefined;
  clock: Clock;
  logger: Logger;
  timezone: string;
  targets: ClaimTargets;
}) {
  const { prisma, catalog, directory, identity, i18n, contacts, clock, logger, timezone, targets } = deps;
  const store = createHandoffRepository(prisma);
  const outboxStore = createOutboxRepository(prisma);
  const dutyStore = createDutyRepository(prisma);
  const shifts = createShiftRepository(prisma);
  const views = createViews({ i18n, catalog, directory });
  let handoff: Handoff | undefined;
  const sending = createOutbox({
    store: outboxStore,
    call: deps.call ?? telegramOff,
    identity,
    messages: deps.messages,
    clock,
    logger,
    onBlocked: async (row) => {
      if (row.caseId && row.contactId) await handoff?.blocked(row.caseId);
    },
    // Checked again where it is sent: a person who left is never written to, whatever was queued.
    mayReach: async (row) => !row.caseId || (await store.byId(row.caseId))?.leftAt === null,
  });
  const outbox = deps.call ? sending : holding(sending);
  const paging = createPaging({ store, outboxStore, outbox, duty: dutyStore, shifts, views, clock, timezone, targets });
  const deliveryDeps = { store, outboxStore, outbox, duty: dutyStore, contacts, views, clock };
  const deliveries = createDeliveries(deliveryDeps);
  handoff = createHandoff({ ...deliveryDeps, deliveries, paging });
  const duty = createDuty({ store, duty: dutyStore, shifts, paging, outbox, deliveries, views, clock, timezone, targets, logger });
  return { handoff, paging, duty, dutyStore, shifts, views, outbox, outboxStore, store };
}

export type HandoffParts = ReturnType<typeof composeHandoff>;
