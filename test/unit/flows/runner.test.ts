import { describe, expect, it } from 'vitest';
import type { FlowCatalog } from '../../../src/flows/catalog.js';
import type { Effect } from '../../../src/flows/engine.js';
import { createFlowRunner, type FlowConversation } from '../../../src/flows/runner.js';
import { fakeClock } from '../../support/clock.js';
import { flowFrom } from '../../support/flows.js';

// A conversation keyed by an opaque subject, kept in memory: the runner knows nothing else of it.
const FLOW = flowFrom(`
id: events/check-in
version: 2
kind: survey
title: title
languages: [sq]
compatibleWith: [1]
start: hello
steps:
  - { id: hello, type: message, text: hello, next: diet }
  - { id: diet, type: single, text: diet, options: [{ code: none, label: none }, { code: vegan, label: vegan }], next: age }
  - { id: age, type: yesno, text: age, from: age, next: note }
  - { id: note, type: text, text: note, next: thanks }
  - { id: thanks, type: end, text: thanks, outcome: checked_in }
`);
const catalog: FlowCatalog = { flows: new Map([[FLOW.flow.id, FLOW]]), indicatorSets: new Map(), get: (id) => (id === FLOW.flow.id ? FLOW : undefined) };

interface Participation extends FlowConversation {
  participant: string;
  status: 'open' | 'done' | 'left';
  turns: number;
}

function setUp() {
  const rows = new Map<string, Participation>();
  const clock = fakeClock('2026-10-21T08:00:00Z');
  const runner = createFlowRunner<{ participantId: string }, Participation, { note: string }>({
    catalog,
    clock,
    area: {
      store: {
        active: async ({ participantId }) => [...rows.values()].find((row) => row.participant === participantId && row.status === 'open'),
        create: async (row) => void rows.set(row.id, row),
        save: async (row) => void rows.set(row.id, row),
      },
      begin: ({ participantId }, base) => ({ ...base, participant: participantId, status: 'open', turns: 0 }),
      settle: async (_subject, row, effects) => ({
        conversation: { ...row, status: row.state.status === 'ended' ? 'done' : 'open', turns: row.turns + 1 },
        extra: { note: effects.map((effect) => effect.type).join(',') },
      }),
      abandoned: (row) => ({ ...row, status: 'left' }),
      quiet: { note: 'again' },
    },
  });
  return { rows, clock, runner };
}

const askedId = (effects: Effect[]) => effects.flatMap((effect) => (effect.type === 'ask' ? [effect.step.id] : [])).at(-1);
const ARTA = { participantId: 'participant-arta' };

describe('the general flow runner', () => {
  it('starts, answers, takes typed text and ends, saving through the area with what the area adds', async () => {
    const { rows, runner } = setUp();
    const started = await runner.start(ARTA, 'events/check-in', 'sq', { under18: false });
    expect(started).toMatchObject({ note: 'say,ask', conversation: { participant: 'participant-arta', language: 'sq', flowVersion: 2, status: 'open', turns: 1 } });
    const answered = await runner.answer(ARTA, { type: 'choose', step: 'diet', code: 'vegan' });
    // The age was known before the flow began: recorded, not asked.
    expect('kind' in answered ? answered : askedId(answered.effects)).toBe('note');
    const ended = await runner.typed(ARTA, '  arriving late ');
    expect(ended).toMatchObject({
      note: 'end',
      conversation: { status: 'done', turns: 3, state: { outcome: 'checked_in', answers: { diet: { code: 'vegan' }, age: { code: 'no' }, note: { value: 'arriving late' } } } },
    });
    expect(rows.size).toBe(1);
    expect(await runner.active(ARTA)).toBeUndefined();
    expect(await runner.answer(ARTA, { type: 'back' })).toEqual({ kind: 'no_conversation' });
  });

  it('goes back, asks again for someone coming back, and only asks again after urgent words on a button question', async () => {
    const { runner } = setUp();
    await runner.start(ARTA, 'events/check-in', 'sq');
    await runner.answer(ARTA, { type: 'choose', step: 'diet', code: 'none' });
    const back = await runner.back(ARTA);
    expect('kind' in back ? back : askedId(back.effects)).toBe('diet');
    const again = await runner.current(ARTA);
    expect(again).toMatchObject({ note: 'again' });
    expect(askedId(again?.effects ?? [])).toBe('diet');
    const urgent = await runner.typed(ARTA, 'help me', { urgent: true });
    expect(urgent).toMatchObject({ note: 'again', conversation: { turns: 3 } });
    // Typed text that is no answer to a button question gets a hint, saved as a turn.
    expect(await runner.typed(ARTA, 'vegan')).toMatchObject({ note: 'invalid,ask', conversation: { turns: 4 } });
    expect((await runner.resumable(ARTA))?.state.current).toBe('diet');
  });

  it('keeps one conversation per subject: starting again or abandoning ends it through the area', async () => {
    const { rows, runner } = setUp();
    const first = await runner.start(ARTA, 'events/check-in', 'sq');
    await runner.start({ participantId: 'participant-besa' }, 'events/check-in', 'sq');
    const second = await runner.start(ARTA, 'events/check-in', 'sq');
    expect(rows.get(first.conversation.id)?.status).toBe('left');
    expect((await runner.active(ARTA))?.id).toBe(second.conversation.id);
    await runner.abandon(ARTA);
    expect(await runner.active(ARTA)).toBeUndefined();
    expect(await runner.active({ participantId: 'participant-besa' })).toBeDefined();
    await expect(runner.start(ARTA, 'events/unknown', 'sq')).rejects.toThrow(/not loaded/);
  });

  it('offers a restart, never a half-read state, for a saved state its flow version cannot continue', async () => {
    const { rows, runner } = setUp();
    const { conversation } = await runner.start(ARTA, 'events/check-in', 'sq');
    rows.set(conversation.id, { ...conversation, state: { ...conversation.state, flowVersion: 0 } });
    expect(await runner.answer(ARTA, { type: 'choose', step: 'diet', code: 'none' })).toEqual({ kind: 'restart', flowId: 'events/check-in' });
    expect(await runner.resumable(ARTA)).toBeUndefined();
    expect(await runner.current(ARTA)).toBeUndefined();
    // A compatible earlier version goes on.
    rows.set(conversation.id, { ...conversation, state: { ...conversation.state, flowVersion: 1 } });
    expect(await runner.answer(ARTA, { type: 'choose', step: 'diet', code: 'none' })).toMatchObject({ conversation: { state: { current: 'age' } } });
  });
});
