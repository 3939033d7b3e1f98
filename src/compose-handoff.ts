import type { FlowCatalog } from './flows/catalog.js';
import { createDeliveries } from './helpline/handoff/deliveries.js';
import { handoffDeliveryRules } from './helpline/handoff/delivery-rules.js';
import { createDuty } from './helpline/handoff/duty.js';
import { createHandoff } from './helpline/handoff/handoff.js';
import { createOutbox, type BotCall, type Outbox } from './delivery/outbox.js';
import type { OutboxStore } from './delivery/model.js';
import type { Pace, RateLimits } from './delivery/throttle.js';
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
import { caseTakers } from './staff/operators.js';
import type { UraPrisma } from './storage/database.js';
import { createHandoffRepository } from './storage/handoff-repository.js';
import type { HotSql } from './storage/hot-path.js';
import { createDutyRepository } from './storage/operator-repository.js';
import { createOutboxRepository } from './storage/outbox-repository.js';
import { createShiftRepository } from './storage/shift-repository.js';
import { writeHandoffButton } from './transport/telegram/handoff-buttons.js';

/** The one outbox of a process, shared by every area that writes to Telegram (so that one global limit covers them all). */
export interface DeliveryParts {
  outbox: Outbox;
  outboxStore: OutboxStore;
}

/** The outbox on the database, with Telegram's limits unless told otherwise; areas register their rules on it. */
export function composeDelivery(deps: {
  prisma: UraPrisma;
  sql: HotSql;
  identity: IdentityProtector;
  /** How the outbox reaches Telegram; none when Telegram is off, and then what is queued waits. */
  call: BotCall | undefined;
  clock: Clock;
  logger: Logger;
  limits?: Partial<RateLimits>;
  pace?: Pace;
}): DeliveryParts {
  const { prisma, sql, ...outboxDeps } = deps;
  const outboxStore = createOutboxRepository(prisma, sql);
  return { outbox: createOutbox({ ...outboxDeps, store: outboxStore }), outboxStore };
}

/**
 * Wires operators, paging, the relay and the handoff's rules on the outbox (its own
 * unless `delivery` is given): the composition root, the end-to-end tests and the
 * benchmarks share it.
 */
export function composeHandoff(deps: {
  prisma: UraPrisma;
  /** The statements every update runs (Database.sql): the handoff asks who is on duty with them. */
  sql: HotSql;
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
  delivery?: DeliveryParts;
  /** For an outbox of its own: Telegram's limits unless told otherwise. */
  outboxLimits?: Partial<RateLimits>;
}) {
  const { prisma, catalog, directory, identity, i18n, contacts, clock, logger, timezone, targets } = deps;
  const store = createHandoffRepository(prisma, deps.sql);
  const { outbox, outboxStore } = deps.delivery ?? composeDelivery({ prisma, sql: deps.sql, identity, call: deps.call, clock, logger, ...(deps.outboxLimits ? { limits: deps.outboxLimits } : {}) });
  // Organisers take no cases: the handoff never sees them.
  const dutyStore = caseTakers(createDutyRepository(prisma, deps.sql));
  const shifts = createShiftRepository(prisma);
  // The handoff decides which buttons its messages carry; Telegram's codecs write them.
  const views = createViews({ i18n, catalog, directory, writeButton: writeHandoffButton });
  const paging = createPaging({ store, outboxStore, outbox, duty: dutyStore, shifts, views, clock, timezone, targets });
  const deliveryDeps = { store, outboxStore, outbox, duty: dutyStore, contacts, views, clock };
  const deliveries = createDeliveries(deliveryDeps);
  const handoff = createHandoff({ ...deliveryDeps, deliveries, paging });
  outbox.register(handoffDeliveryRules({ store, messages: deps.messages, blocked: handoff.blocked }));
  const duty = createDuty({ store, duty: dutyStore, shifts, paging, outbox, deliveries, views, clock, timezone, targets, logger });
  return { handoff, paging, duty, dutyStore, shifts, views, outbox, outboxStore, store };
}

export type HandoffParts = ReturnType<typeof composeHandoff>;
