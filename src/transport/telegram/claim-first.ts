import type { Transformer } from 'grammy';
import { SENDING } from './protect-content.js';
import { errorChain } from './transient.js';

/** The record an update's handling needs: taken before its first message, given back if that message does not go. */
export interface UpdateClaims {
  claim(updateId: number): Promise<boolean>;
  release(updateId: number): Promise<void>;
}

/** Another try of the same update (Telegram delivered it again, to another process) put a message out first: this one says nothing. */
export class HandledElsewhere extends Error {
  constructor(readonly updateId: number) {
    super(`update ${updateId} is answered by another try of it`);
  }
}

export const isHandledElsewhere = (error: unknown): boolean => [...errorChain(error)].some((current) => current instanceof HandledElsewhere);

/**
 * Records the update as handled just before the first message its handling puts in a
 * chat, so that nobody is answered twice. Telegram delivers an update again until it
 * is answered, and a process that dies while handling one never answers: the copy
 * (to this process after a restart, or to another one behind the same address) is
 * handled again unless it is recorded. Recorded only once the handler is done, the
 * copy repeated every message already sent; recorded here, a copy after the first
 * message is skipped, and what the dead process had not yet sent is lost instead:
 * the person, who got no answer, presses again. Before the first message nothing
 * was said, and the copy is handled in full; the writes the dead try made are then
 * already there, which the helpline's steps expect (a flow answered twice shows the
 * current question, a case requested twice is raised, not opened again).
 *
 * Webhook mode only: a poller is the one process handling its updates, and after a
 * crash it handles an update that was cut off again in full (answering twice rather
 * than never), as the inbox keeps it until it is recorded.
 *
 * If the first message does not go (Telegram refused it or could not be reached),
 * the record is taken back, so the update is tried again as before. Only messages
 * count: answering a button press, an edit or a deletion says nothing new when
 * repeated.
 */
export function claimingFirst(updateId: number, claims: UpdateClaims): Transformer {
  let said = false;
  let claiming: Promise<void> | undefined;
  return async (prev, method, payload, signal) => {
    if (said || !SENDING.has(method)) return prev(method, payload, signal);
    await (claiming ??= claims.claim(updateId).then((mine) => {
      if (!mine) throw new HandledElsewhere(updateId);
    }));
    const giveBack = async () => {
      if (said) return;
      claiming = undefined;
      await claims.release(updateId);
    };
    try {
      const response = await prev(method, payload, signal);
      if (response.ok) said = true;
      else await giveBack();
      return response;
    } catch (error) {
      await giveBack();
      throw error;
    }
  };
}
