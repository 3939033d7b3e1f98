import type { Update } from 'grammy/types';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { UpdateInbox } from '../../storage/inbox-repository.js';
import { isHandledElsewhere } from './claim-first.js';
import { isTransient } from './transient.js';

/** `again`: not handled for a passing reason (the database is away); it must come again. */
export type Outcome = 'handled' | 'again';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 5000;

/** The chat an update belongs to: its updates are handled one after the other. */
const chatOf = (update: Update): number | undefined =>
  update.message?.chat.id ?? update.edited_message?.chat.id ?? update.callback_query?.message?.chat.id ?? update.callback_query?.from.id ?? update.my_chat_member?.chat.id;

/**
 * Handles updates once each and in order per chat, for webhooks and polling alike.
 * An update whose id is recorded as handled is skipped, so one delivered again is
 * not answered twice. The record is made once the update is handled (dropping it
 * from the inbox in the same transaction), and with a webhook also just before its
 * first message goes out (claimingFirst). A process that dies before the record
 * leaves the update to be handled in full again (relayed messages are still
 * recognised by their message id then): after a polling restart, even if its first
 * message had gone. With a webhook, one that dies after its first message leaves the
 * rest unsaid, and the person presses again.
 */
export function createUpdateQueue(deps: { handle(update: Update): Promise<void>; inbox: UpdateInbox; logger: Logger }) {
  const { inbox, logger } = deps;
  const chains = new Map<number | undefined, Promise<unknown>>();
  const inFlight = new Set<Promise<unknown>>();
  const scheduled = new Map<number, Promise<void>>();
  let stopped = false;
  let wakeSleepers: (() => void)[] = [];
  /** Waiting for the queue to shrink (see `room`). */
  let roomWaiters: { below: number; wake: () => void }[] = [];

  /** Waits `ms`, or less if the queue stops meanwhile. */
  const pause = (ms: number) =>
    new Promise<void>((done) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        wakeSleepers = wakeSleepers.filter((wake) => wake !== finish);
        done();
      }
      wakeSleepers.push(finish);
    });

  /** Runs `work` after the chat's earlier updates; a failure never blocks the chat's later ones. */
  function inChatOrder<T>(update: Update, work: () => Promise<T>): Promise<T> {
    const chat = chatOf(update);
    const task = (chains.get(chat) ?? Promise.resolve()).then(work, work);
    const settled = task.then(
      () => undefined,
      () => undefined,
    );
    chains.set(chat, settled);
    inFlight.add(settled);
    void settled.then(() => {
      inFlight.delete(settled);
      if (chains.get(chat) === settled) chains.delete(chat);
      if (roomWaiters.length > 0) {
        const ready = roomWaiters.filter((waiter) => inFlight.size < waiter.below);
        roomWaiters = roomWaiters.filter((waiter) => inFlight.size >= waiter.below);
        for (const waiter of ready) waiter.wake();
      }
    });
    return task;
  }

  /** Records a handled update; false if the database is away (the update itself was handled). */
  async function record(updateId: number): Promise<boolean> {
    try {
      await inbox.markHandled(updateId);
    } catch (error) {
      if (isTransient(error)) {
        logger.warn({ updateId, err: errorMessage(error) }, 'update handled but not yet recorded (the database is unavailable)');
        return false;
      }
      logger.error({ updateId, err: errorMessage(error) }, 'update handled but its record failed');
    }
    return true;
  }

  /** A handled update recorded, or `unrecorded` while the database is away. */
  const recorded = async (updateId: number): Promise<'handled' | 'unrecorded'> => ((await record(updateId)) ? 'handled' : 'unrecorded');

  /** `unrecorded`: handled, but the record of it could not be written yet. */
  async function attempt(update: Update): Promise<Outcome | 'unrecorded'> {
    const updateId = update.update_id;
    try {
      // Recorded before: made sure it is out of the inbox too (it was recorded before its first message).
      if (await inbox.handled(updateId)) return recorded(updateId);
      await deps.handle(update);
    } catch (error) {
      // Another try of it (Telegram delivered it again, to another process) answers it.
      if (isHandledElsewhere(error)) return recorded(updateId);
      if (isTransient(error)) {
        logger.warn({ updateId, err: errorMessage(error) }, 'update not handled for now (the database or Telegram is unavailable); it will be handled again');
        return 'again';
      }
      // A mistake, not an outage: handled again it would fail the same way, so it is
      // recorded as handled (the person had the apology) and not tried again.
      logger.error({ updateId, err: errorMessage(error) }, 'update failed');
    }
    return recorded(updateId);
  }

  return {
    /** Handles an update once, after the chat's earlier ones (a webhook: Telegram delivers it again on `again`). */
    // Handled but not recorded counts as handled: once answered 2xx, Telegram does not send it again.
    once: (update: Update): Promise<Outcome> => inChatOrder(update, async () => ((await attempt(update)) === 'again' ? 'again' : 'handled')),

    /**
     * Handles an update from the inbox, after the chat's earlier ones, trying again
     * while the failure passes (with a growing pause) so that the chat's later
     * updates wait for it; stops trying when the queue stops (it stays in the inbox).
     */
    untilHandled(update: Update): Promise<void> {
      const known = scheduled.get(update.update_id);
      if (known) return known;
      const done = inChatOrder(update, async () => {
        let outcome: Outcome | 'unrecorded' = 'again';
        for (let delay = FIRST_RETRY_MS; !stopped; delay = Math.min(delay * 2, MAX_RETRY_MS)) {
          // Once handled, only the record is tried again: the person is not answered twice.
          outcome = outcome === 'unrecorded' ? await recorded(update.update_id) : await attempt(update);
          if (outcome === 'handled') return;
          await pause(delay);
        }
      }).finally(() => scheduled.delete(update.update_id));
      scheduled.set(update.update_id, done);
      return done;
    },

    /** Whether an update still waits in the queue. */
    busy: () => inFlight.size > 0,
    /** Resolves once fewer than `below` updates are taken and not yet settled (at once if so already). */
    room: (below: number): Promise<void> => (inFlight.size < below ? Promise.resolve() : new Promise<void>((wake) => roomWaiters.push({ below, wake }))),
    /** Stops retrying; an attempt in progress finishes. */
    stop() {
      stopped = true;
      for (const wake of [...wakeSleepers]) wake();
      for (const waiter of roomWaiters.splice(0)) waiter.wake();
    },
    /** Resolves when every update taken so far is settled. */
    idle: async () => void (await Promise.all([...inFlight])),
  };
}

export type UpdateQueue = ReturnType<typeof createUpdateQueue>;
