import type { FlowInput } from '../flows/engine.js';
import type { Clock } from '../shared/clock.js';
import { type SurveyRun, takesAnswersAt } from './model.js';
import { chatSubject, type RunToken, type RunWho, type SurveyAttendees } from './run-ports.js';
import type { SurveyRunStore } from './run-store.js';
import type { SurveyConversations, Surveys, SurveyTurn } from './surveys.js';
import { withProfileNotice } from './profile-notice.js';

/**
 * Why a run gives no turn: no such run, it is closed, this respondent finished it already,
 * they are no checked-in participant of its event, or its form changed since they began.
 */
export type RunRefusal = 'unknown' | 'closed' | 'answered' | 'not_participant' | 'changed';

export type RunAnswer = { kind: 'turn'; run: SurveyRun; turn: SurveyTurn } | { kind: 'refused'; reason: RunRefusal };

/** A run the chat can answer now (`/survey`). */
export interface OpenRun {
  run: SurveyRun;
  eventName: string | null;
  /** Its form keeps the respondent's type of organisation and region (it is not anonymous). */
  keepsProfile: boolean;
}

/** Answering runs in the chat: by their link, their buttons, typed answers, and the list of open ones. */
export interface RunChat {
  /** The link (`sv_<code>`) or the continue button: the question where the respondent stopped, or the first. */
  open(who: RunWho, code: string): Promise<RunAnswer>;
  /** A button of the run: its first question (sent before any response began) starts the response. */
  press(who: RunWho, code: string, input: FlowInput): Promise<RunAnswer>;
  /** Typed text, when a run's response in progress waits for text; undefined otherwise (the text is someone else's). */
  typed(who: RunWho, text: string): Promise<RunAnswer | undefined>;
  list(who: RunWho): Promise<OpenRun[]>;
}

export interface RunChatDeps {
  surveys: Pick<Surveys, 'on' | 'keepsProfile' | 'inProgressOn'>;
  store: SurveyRunStore;
  attendees: SurveyAttendees;
  token: RunToken;
  clock: Clock;
}

type Respondent = { subject: string; language: string; telegramId: number; conversations: SurveyConversations };

export function createRunChat(deps: RunChatDeps): RunChat {
  const { surveys, store, attendees, token, clock } = deps;
  const refused = (reason: RunRefusal): RunAnswer => ({ kind: 'refused', reason });

  /** Who answers the run: a checked-in participant of its event, or the chat on a standalone run. */
  async function respondent(run: SurveyRun, who: RunWho): Promise<Respondent | undefined> {
    const conversations = surveys.on(run);
    if (run.kind !== 'event') return { subject: chatSubject(who.telegramId), language: who.language, telegramId: who.telegramId, conversations };
    const participant = run.scope === null ? undefined : await attendees.checkedIn(run.scope, who.telegramId);
    return participant && { subject: participant.subject, language: participant.language, telegramId: who.telegramId, conversations };
  }

  async function statusOf(run: SurveyRun, subject: string) {
    return (await store.tokenStatuses(run.id, [token(run.id, subject)])).get(token(run.id, subject));
  }

  /**
   * A response begins: refused when this respondent finished the run already (the token, not
   * the response, says so). On a form that is not anonymous, an event's participant's response
   * keeps the type of organisation and region they registered with (read only then).
   */
  async function begin(run: SurveyRun, who: Respondent): Promise<RunAnswer> {
    if ((await statusOf(run, who.subject)) === 'completed') return refused('answered');
    const keeps = surveys.keepsProfile(run);
    const event = run.kind === 'event' && keeps ? run.scope : null;
    const conversations = event !== null ? surveys.on(run, await attendees.profile(event, who.telegramId)) : who.conversations;
    const started = await conversations.start(who.subject, who.language);
    if ('kind' in started) return refused('closed');
    await store.raiseToken(run.id, token(run.id, who.subject), 'started');
    return { kind: 'turn', run, turn: { ...started, effects: withProfileNotice(keeps, started.effects) } };
  }

  /** A turn given: a response that reached its end completes the token, so that it cannot be answered again. */
  async function settled(run: SurveyRun, who: Respondent, result: SurveyTurn | { kind: string }): Promise<RunAnswer> {
    if ('kind' in result) return refused(result.kind === 'restart' ? 'changed' : 'closed');
    if (result.conversation.status === 'completed') await store.raiseToken(run.id, token(run.id, who.subject), 'completed');
    return { kind: 'turn', run, turn: result };
  }

  /** The run of a code, taking answers now, and its respondent; or why not. */
  async function openRun(code: string, who: RunWho): Promise<{ run: SurveyRun; respondent: Respondent } | RunAnswer> {
    const run = await store.runByCode(code);
    if (!run) return refused('unknown');
    if (!takesAnswersAt(run, clock.now())) return refused('closed');
    const found = await respondent(run, who);
    return found ? { run, respondent: found } : refused('not_participant');
  }

  return {
    async open(who, code) {
      const opened = await openRun(code, who);
      if ('kind' in opened) return opened;
      const { run, respondent: one } = opened;
      const again = (await one.conversations.resumable(one.subject)) ? await one.conversations.current(one.subject) : undefined;
      return again ? { kind: 'turn', run, turn: again } : begin(run, one);
    },

    async press(who, code, input) {
      const opened = await openRun(code, who);
      if ('kind' in opened) return opened;
      const { run, respondent: one } = opened;
      if (await one.conversations.resumable(one.subject)) return settled(run, one, await one.conversations.answer(one.subject, input));
      const begun = await begin(run, one);
      if (begun.kind === 'refused' || input.type === 'back') return begun;
      return settled(run, one, await one.conversations.answer(one.subject, input));
    },

    async typed(who, text) {
      // Every private text passes here (a help-seeker's too): one read of the open runs, one of the
      // responses in progress on them by this person's keys, and nothing more when there is none.
      const open = await store.openRuns(clock.now());
      if (open.length === 0) return undefined;
      const waiting = await surveys.inProgressOn(open, [attendees.subjectOf(who.telegramId), chatSubject(who.telegramId)]);
      for (const run of waiting) {
        const one = await respondent(run, who);
        if (!one || !(await one.conversations.resumable(one.subject))) continue;
        return settled(run, one, await one.conversations.typed(one.subject, text));
      }
      return undefined;
    },

    async list(who) {
      const open: OpenRun[] = [];
      for (const run of await store.openRuns(clock.now())) {
        const one = await respondent(run, who);
        if (!one) continue;
        const inProgress = await one.conversations.resumable(one.subject);
        // A standalone run is reached by its link; listed only once this chat began it.
        if (run.kind !== 'event' && !inProgress) continue;
        if (!inProgress && (await statusOf(run, one.subject)) === 'completed') continue;
        const event = run.kind === 'event' && run.scope !== null ? await attendees.event(run.scope) : undefined;
        open.push({ run, eventName: event ? event.name(one.language) : null, keepsProfile: surveys.keepsProfile(run) });
      }
      return open;
    },
  };
}
