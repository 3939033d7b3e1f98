import { describe, expect, it } from 'vitest';
import { canResume, start, step } from '../../../src/flows/engine.js';
import { flowStateSchema } from '../../../src/flows/state.js';
import { asked, AT, drive, flowFrom, kinds } from '../../support/flows.js';
import { FLOW, SET } from './fixtures.js';

const flow = flowFrom(FLOW, SET);

describe('flow engine', () => {
  it('opens with its messages and stops at the first question', () => {
    const { state, effects } = start(flow, AT);
    expect(kinds(effects)).toEqual(['say', 'ask']);
    expect(effects[0]).toMatchObject({ type: 'say', text: 'hello' });
    expect(state).toMatchObject({ flowId: 'helpline/test', flowVersion: 2, status: 'active', current: 'safe', path: [], startedAt: AT.toISOString() });
    expect(effects[1]).toMatchObject({ canGoBack: false });
  });

  it('follows rules over earlier answers and guards', () => {
    const adult = drive(flow);
    adult.answer('yes');
    adult.answer('30');
    adult.answer(['none']);
    expect(adult.state.current).toBe('promised');
    const child = drive(flow);
    child.answer('yes');
    child.answer('15');
    child.answer(['none']);
    expect(child.state.current).toBe('school');
  });

  it('branches on the running score', () => {
    const run = drive(flow);
    run.answer('yes');
    run.answer('30');
    run.answer(['job', 'begging']); // recruited 2 + forced_work 4
    run.answer('no');
    expect(run.state.current).toBe('consent');
  });

  it('ticks and unticks multi choices, keeps the flow order, and needs the minimum', () => {
    const run = drive(flow);
    run.answer('yes');
    run.answer('40');
    run.send({ type: 'toggle', step: 'work', code: 'none' });
    run.send({ type: 'toggle', step: 'work', code: 'job' });
    run.send({ type: 'toggle', step: 'work', code: 'none' });
    expect(run.state.selection).toEqual(['job']);
    run.send({ type: 'toggle', step: 'work', code: 'job' });
    run.send({ type: 'done', step: 'work' });
    expect(run.effects[0]).toMatchObject({ type: 'invalid', hint: 'flows:hint.choose_at_least', vars: { min: 1 } });
    run.answer(['begging', 'job']);
    expect(run.state.answers.work).toEqual({ kind: 'choices', codes: ['job', 'begging'] });
  });

  it('keeps "not applicable" apart from "prefer not to say"', () => {
    const run = drive(flow);
    run.answer('yes');
    run.send({ type: 'skip', step: 'age' });
    expect(run.state.answers.age).toEqual({ kind: 'skipped' });
    run.answer(['none']);
    run.send({ type: 'skip', step: 'promised' });
    run.send({ type: 'na', step: 'feel' });
    expect(run.state.answers.feel).toEqual({ kind: 'na' });
    run.send({ type: 'skip', step: 'words' });
    expect(run.state.answers.words).toEqual({ kind: 'skipped' });
  });

  it('answers input that does not fit with a hint and the same question, changing nothing', () => {
    const run = drive(flow);
    const before = run.state;
    run.send({ type: 'text', step: 'safe', value: 'hello' });
    expect(run.effects).toMatchObject([
      { type: 'invalid', hint: 'flows:hint.choose' },
      { type: 'ask', step: { id: 'safe' } },
    ]);
    run.send({ type: 'choose', step: 'safe', code: 'maybe' });
    run.send({ type: 'skip', step: 'safe' });
    expect(run.effects[0]).toMatchObject({ hint: 'flows:hint.not_skippable' });
    expect(run.state).toEqual(before);
    run.answer('yes');
    for (const value of ['abc', '4', '100', '17.5.1', '']) {
      run.answer(value);
      expect(run.effects[0]).toMatchObject({ type: 'invalid', hint: 'flows:hint.number', vars: { min: 5, max: 99 } });
    }
    run.answer('17,5');
    expect(run.state.answers.age).toEqual({ kind: 'number', value: 17.5 });
  });

  it('checks text length and refuses N/A where it is not offered', () => {
    const run = drive(flow);
    run.answer('yes');
    run.answer('30');
    run.answer(['none']);
    run.send({ type: 'na', step: 'promised' });
    expect(run.effects[0]).toMatchObject({ hint: 'flows:hint.no_na' });
    run.answer('no');
    run.answer('1');
    run.answer('x');
    expect(run.effects[0]).toMatchObject({ hint: 'flows:hint.text_too_short', vars: { min: 2 } });
    run.answer('far too long for this');
    expect(run.effects[0]).toMatchObject({ hint: 'flows:hint.text_too_long', vars: { max: 10 } });
    run.answer('  fine  ');
    expect(run.state.answers.words).toEqual({ kind: 'text', value: 'fine' });
  });

  it('tells a press on an old message apart and asks the current question again', () => {
    const run = drive(flow);
    run.answer('yes');
    const before = run.state;
    run.send({ type: 'choose', step: 'safe', code: 'danger' });
    expect(run.effects).toMatchObject([
      { type: 'invalid', hint: 'flows:hint.stale' },
      { type: 'ask', step: { id: 'age' } },
    ]);
    expect(run.state).toEqual(before);
  });

  it('goes back to change an earlier answer, and the abandoned answers stop counting', () => {
    const run = drive(flow);
    run.answer('yes');
    run.answer('15');
    run.answer(['none']);
    run.answer('no'); // out of school (child only)
    expect(run.state.current).toBe('promised');
    run.send({ type: 'back' });
    expect(run.state.current).toBe('school');
    run.send({ type: 'back' });
    run.send({ type: 'back' });
    expect(run.effects).toMatchObject([{ type: 'ask', step: { id: 'age' }, previous: { kind: 'number', value: 15 }, canGoBack: true }]);
    run.answer('30');
    run.answer(['none']);
    expect(run.state.current).toBe('promised');
    expect(run.state.answers.school).toBeUndefined();
    expect(run.state.path).toEqual(['safe', 'age', 'work']);
  });

  it('says when there is nothing to go back to', () => {
    const run = drive(flow);
    run.send({ type: 'back' });
    expect(run.effects).toMatchObject([
      { type: 'invalid', hint: 'flows:hint.nothing_to_go_back_to' },
      { type: 'ask', step: { id: 'safe' } },
    ]);
  });

  it('starts urgent handling at once, once, without waiting for the end', () => {
    const run = drive(flow);
    run.answer('danger');
    expect(kinds(run.effects)).toEqual(['urgent', 'ask']);
    expect(run.effects[0]).toMatchObject({ type: 'urgent', assessment: { level: 'URGENT', reasons: [{ indicator: 'danger_now', answers: [{ step: 'safe', value: 'danger' }] }] } });
    run.answer('30');
    expect(kinds(run.all).filter((kind) => kind === 'urgent')).toHaveLength(1);
  });

  it('asks consent, starts the handoff on agreement, and ends with an outcome and the assessment', () => {
    const run = drive(flow);
    run.answer('yes');
    run.answer('30');
    run.answer(['job', 'begging']);
    run.answer('yes');
    expect(run.effects.find((effect) => effect.type === 'action')).toMatchObject({ name: 'offer_handoff', step: 'consent' });
    run.answer('agree');
    expect(kinds(run.effects)).toEqual(['handoff', 'end']);
    expect(run.effects[1]).toMatchObject({ outcome: 'handoff_requested', text: 'handed', assessment: { level: 'HIGH' } });
    expect(run.state).toMatchObject({ status: 'ended', current: null, outcome: 'handoff_requested' });
    run.answer('agree');
    expect(run.effects).toMatchObject([{ type: 'invalid', hint: 'flows:hint.ended' }]);
  });

  it('keeps its state as plain JSON that resumes after a restart', () => {
    const run = drive(flow);
    run.answer('yes');
    run.answer('22');
    const stored = flowStateSchema.parse(JSON.parse(JSON.stringify(run.state)));
    const resumed = step(flow, stored, { type: 'toggle', step: 'work', code: 'job' }, AT);
    expect(resumed.state.selection).toEqual(['job']);
    expect(canResume(flow, stored)).toBe(true);
  });

  it('resumes older versions it declares compatible, and offers a restart otherwise', () => {
    const { state } = start(flow, AT);
    expect(canResume(flow, { ...state, flowVersion: 1 })).toBe(true);
    expect(canResume(flow, { ...state, flowVersion: 0 })).toBe(false);
    expect(canResume(flow, { ...state, flowVersion: 1, current: 'gone' })).toBe(false);
    expect(canResume(flow, { ...state, flowId: 'helpline/other' })).toBe(false);
  });

  it('lists what it asked in order along the whole way', () => {
    const run = drive(flow);
    for (const answer of ['yes', '30']) run.answer(answer);
    run.answer(['none']);
    for (const answer of ['no', '2', 'ok', 'decline']) run.answer(answer);
    const distinct = asked(run.all).filter((id, i, all) => id !== all[i - 1]); // a multi question is shown again after each tick
    expect(distinct).toEqual(['safe', 'age', 'work', 'promised', 'feel', 'words', 'consent']);
    expect(run.state.outcome).toBe('completed');
  });
});
