import type { Outgoing } from '../delivery/model.js';
import type { Outbox } from '../delivery/outbox.js';
import type { FlowCatalog } from '../flows/catalog.js';
import { start } from '../flows/engine.js';
import type { Clock } from '../shared/clock.js';
import type { SurveyRun } from './model.js';
import { RUN_PURPOSES, type RunToken, runTopic, type SurveyAttendees, type SurveyRecipient, type SurveyWriter } from './run-ports.js';
import type { SurveyRunStore } from './run-store.js';
import { keepsProfile, withProfileNotice } from './profile-notice.js';

const MINUTE_MS = 60_000;

export interface RunDeliveryDeps {
  store: SurveyRunStore;
  catalog: FlowCatalog;
  attendees: SurveyAttendees;
  outbox: Pick<Outbox, 'prepare' | 'kick'>;
  write: SurveyWriter;
  token: RunToken;
  clock: Clock;
}

/** What one tick did. */
export interface RunTick {
  sent: number;
  reminded: number;
  closed: number;
}

/**
 * The runs' deadlines, processed by the events tick: the opening sent to every checked-in
 * participant at the evaluation slot, the one reminder to those whose token is not
 * completed, and the close at the set time. Each is stored with its messages only if the
 * run is still where the tick read it (a conditional update), so a tick run twice, after a
 * restart or by two processes, does each once.
 */
export function createRunDelivery(deps: RunDeliveryDeps) {
  const { store, catalog, attendees, outbox, write, token, clock } = deps;

  const message = (run: SurveyRun, to: SurveyRecipient, kind: string, purpose: string, payload: Record<string, unknown>): Outgoing => ({
    chatId: to.chatId,
    method: 'sendMessage',
    payload,
    dedupeKey: `survey:${kind}:${run.id}:${to.participantId}`,
    purpose,
    topic: runTopic(run.id),
    recipientId: to.participantId,
  });

  async function recipientsOf(run: SurveyRun) {
    const event = run.scope === null ? undefined : await attendees.event(run.scope);
    return event ? { event, recipients: await attendees.present(event.id, event.evaluation?.day ?? null) } : undefined;
  }

  async function send(run: SurveyRun, now: Date): Promise<boolean> {
    const compiled = catalog.get(run.flowId);
    const found = await recipientsOf(run);
    if (!compiled || compiled.flow.version !== run.flowVersion || !found) return false;
    // What everyone is shown first, the same for all: the response begins with their first answer.
    const effects = withProfileNotice(keepsProfile(catalog, run.flowId), start(compiled, now).effects);
    const outgoing = found.recipients.flatMap((to) => write.opening(run, to.language, effects).map((payload, index) => message(run, to, `opening${index}`, RUN_PURPOSES.opening, payload)));
    const tokens = found.recipients.map((to) => token(run.id, to.subject));
    const remindAt = run.remindAfter === null ? null : new Date(now.getTime() + run.remindAfter * MINUTE_MS);
    return store.markSent({ runId: run.id, at: now, remindAt, tokens, outgoing: outbox.prepare(outgoing) });
  }

  async function remind(run: SurveyRun, now: Date): Promise<boolean> {
    const found = await recipientsOf(run);
    if (!found) return store.markReminded({ runId: run.id, at: now, outgoing: [] });
    const tokenOf = (to: SurveyRecipient) => token(run.id, to.subject);
    const statuses = await store.tokenStatuses(run.id, found.recipients.map(tokenOf));
    // Only those who were sent the survey, or began it, and have not finished it.
    const unfinished = found.recipients.filter((to) => {
      const status = statuses.get(tokenOf(to));
      return status !== undefined && status !== 'completed';
    });
    const outgoing = unfinished.map((to) => message(run, to, 'reminder', RUN_PURPOSES.reminder, write.reminder(run, to.language, found.event.name(to.language), !keepsProfile(catalog, run.flowId))));
    return store.markReminded({ runId: run.id, at: now, outgoing: outbox.prepare(outgoing) });
  }

  return {
    async tick(): Promise<RunTick> {
      const now = clock.now();
      const due = await store.due(now);
      const result: RunTick = { sent: 0, reminded: 0, closed: 0 };
      for (const run of due.closings) if (await store.close(run.id, now)) result.closed++;
      for (const run of due.sends) if (await send(run, now)) result.sent++;
      for (const run of due.reminders) if (await remind(run, now)) result.reminded++;
      if (result.sent + result.reminded > 0) outbox.kick();
      return result;
    },
  };
}

export type RunDelivery = ReturnType<typeof createRunDelivery>;
