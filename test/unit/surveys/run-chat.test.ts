import { describe, expect, it, vi } from 'vitest';
import { createRunChat, RUN_NOT_SENT, type SurveyAttendees, type SurveyConversations, type SurveyRun, type SurveyRunStore, type SurveyTurn } from '../../../src/surveys/index.js';

// Typed text in a private chat passes the survey runs before the helpline. Whoever types
// (a help-seeker most often) costs one read of the open runs and one of the responses in
// progress on them, however many runs are open; only a run this person is answering is
// looked at further.

const run = (id: string): SurveyRun => ({
  id,
  flowId: 'surveys/event-evaluation',
  flowVersion: 1,
  kind: 'event',
  scope: 'ev-1',
  standing: null,
  opensAt: null,
  closesAt: null,
  createdAt: new Date('2026-06-01T09:00:00Z'),
  ...RUN_NOT_SENT,
  code: `RUN${id.toUpperCase()}00`.slice(0, 6),
  wording: null,
});
const OPEN = [run('a'), run('b'), run('c')];

function chatWith(open: readonly SurveyRun[], inProgress: readonly string[]) {
  const turn = { conversation: { status: 'active' }, effects: [] } as unknown as SurveyTurn;
  const conversations = { resumable: vi.fn(async () => ({})), typed: vi.fn(async () => turn) } as unknown as SurveyConversations;
  const surveys = {
    on: vi.fn(() => conversations),
    keepsProfile: () => false,
    inProgressOn: vi.fn(async (runs: readonly SurveyRun[]) => runs.filter((one) => inProgress.includes(one.id))),
  };
  const attendees = {
    subjectOf: (telegramId: number) => `participant:key-${telegramId}`,
    checkedIn: vi.fn(async (_eventId: string, telegramId: number) => ({ subject: `participant:key-${telegramId}`, language: 'en' })),
  } as unknown as SurveyAttendees & { checkedIn: ReturnType<typeof vi.fn> };
  const store = { openRuns: vi.fn(async () => [...open]), raiseToken: vi.fn(async () => undefined) } as unknown as SurveyRunStore;
  const chat = createRunChat({ surveys, store, attendees, token: (runId, subject) => `${runId}/${subject}`, clock: { now: () => new Date('2026-06-02T15:00:00Z') } });
  return { chat, surveys, attendees, conversations, turn };
}

describe('typed text and the survey runs', () => {
  it("costs one read of the responses in progress for every open run together, and no participant's look-up, when the person answers none", async () => {
    const { chat, surveys, attendees } = chatWith(OPEN, []);
    expect(await chat.typed({ telegramId: 7, language: 'en' }, 'I need help')).toBeUndefined();
    expect(surveys.inProgressOn).toHaveBeenCalledTimes(1);
    expect(surveys.inProgressOn).toHaveBeenCalledWith(OPEN, ['participant:key-7', 'chat:7']);
    expect(attendees.checkedIn).not.toHaveBeenCalled();
    expect(surveys.on).not.toHaveBeenCalled();
  });

  it('reads nothing more than the open runs when none is open', async () => {
    const { chat, surveys } = chatWith([], []);
    expect(await chat.typed({ telegramId: 7, language: 'en' }, 'hello')).toBeUndefined();
    expect(surveys.inProgressOn).not.toHaveBeenCalled();
  });

  it('answers the text on the one run the person is answering, looking up only that run', async () => {
    const { chat, attendees, conversations, turn } = chatWith(OPEN, ['b']);
    expect(await chat.typed({ telegramId: 7, language: 'en' }, 'Referral paths')).toEqual({ kind: 'turn', run: OPEN[1], turn });
    expect(attendees.checkedIn).toHaveBeenCalledTimes(1);
    expect(conversations.typed).toHaveBeenCalledWith('participant:key-7', 'Referral paths');
  });
});
