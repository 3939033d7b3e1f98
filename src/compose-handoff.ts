import type { FlowCatalog } from './flows/catalog.js';
import { createDeliveries } from './helpline/handoff/deliveries.js';
import { createDuty } from './helpline/handoff/duty.js';
import { createHandoff, type Handoff } from './helpline/handoff/handoff.js';
import { createOutbox, type BotCall } from './delivery/outbox.js';
import { createPaging } from './helpline/handoff/paging.js';
import type { ClaimTargets } from './helpline/handoff/targets.js';
import { createViews } from './helpline/handoff/views.js';
import type { Contacts } from './helpline/contacts.js';
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
import { writeHandoffButton } from './transport/telegram/handoff-buttons.js';

/**
 * Wires operators, paging, the relay and the outbox: the composition root, the
 * end-to-end tests and the benchmarks share it.
 */
export function composeHandoff(deps: {
  prisma: UraPrisma;
  catalog: FlowCatalog;
  identity: IdentityProtector;
  i18n: I18n;
  contacts: Pick<Contacts, 'chatOf'>;
  messages: MessageLog;
  call: BotCall;
  clock: Clock;
  logger: Logger;
  timezone: string;
  targets: ClaimTargets;
}) {
  const { prisma, catalog, identity, i18n, contacts, clock, logger, timezone, targets } = deps;
  const store = createHandoffRepository(prisma);
  const outboxStore = createOutboxRepository(prisma);
  const dutyStore = createDutyRepository(prisma);
  const shifts = createShiftRepository(prisma);
  // The handoff decides which buttons its messages carry; Telegram's codecs write them.
  const views = createViews({ i18n, catalog, writeButton: writeHandoffButton });
  let handoff: Handoff | undefined;
  const outbox = createOutbox({
    store: outboxStore,
    call: deps.call,
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
  const paging = createPaging({ store, outboxStore, outbox, duty: dutyStore, shifts, views, clock, timezone, targets });
  const deliveryDeps = { store, outboxStore, outbox, duty: dutyStore, contacts, views, clock };
  const deliveries = createDeliveries(deliveryDeps);
  handoff = createHandoff({ ...deliveryDeps, deliveries, paging });
  const duty = createDuty({ store, duty: dutyStore, shifts, paging, outbox, deliveries, views, clock, timezone, targets, logger });
  return { handoff, paging, duty, dutyStore, shifts, views, outbox, outboxStore, store };
}

export type HandoffParts = ReturnType<typeof composeHandoff>;
