import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkKnownAnswers } from '../../../src/flows/checks.js';
import { start, step, type Effect } from '../../../src/flows/engine.js';
import { knownAnswers } from '../../../src/flows/known-answers.js';
import { loadAreaFlows } from '../../../src/flow-actions.js';
import { flowSchema } from '../../../src/flows/schema.js';
import { assessState } from '../../../src/flows/engine.js';
import { countedAnswers } from '../../../src/flows/state.js';

// Safety and "under 18?" are asked by the bot before a flow starts: the flow does not ask them again.
const { catalog } = loadAreaFlows();
const flow = (id: string) => {
  const compiled = catalog.get(id);
  if (!compiled) throw new Error(`${id} is not a valid shipped flow`);
  return compiled;
};
const now = new Date('2026-01-01T10:00:00Z');
const asked = (effects: Effect[]) => effects.flatMap((effect) => (effect.type === 'ask' ? [effect.step.id] : []));

describe('answers given to the bot before a flow', () => {
  it('are not asked again in the young-person flow, and stay in the answers an operator and scoring see', () => {
    const compiled = flow('helpline/young-person');
    const { state, effects } = start(compiled, now, knownAnswers(compiled, { safety: 'safe', under18: true }));
    expect(asked(effects)).toEqual(['school']);
    expect(effects.filter((effect) => effect.type === 'say').map((effect) => effect.type === 'say' && effect.step)).toEqual(['intro']);
    expect(Object.fromEntries(countedAnswers(state))).toEqual({ safety: { kind: 'choice', code: 'safe' }, age: { kind: 'choice', code: 'under_18' } });
    // A child still: forced begging alone is at least HIGH.
    const later = step(compiled, state, { type: 'choose', step: 'school', code: 'stopped' }, now);
    const begging = step(compiled, later.state, { type: 'toggle', step: 'made_to', code: 'begging' }, now);
    const done = step(compiled, begging.state, { type: 'done', step: 'made_to' }, now);
    expect(assessState(compiled, done.state)).toMatchObject({ child: true });
  });

  it('are asked as before when the person did not answer them', () => {
    const compiled = flow('helpline/young-person');
    const { state, effects } = start(compiled, now, knownAnswers(compiled, {}));
    expect(asked(effects)).toEqual(['safety']);
    expect(state.path).toEqual([]);
    expect(asked(step(compiled, state, { type: 'choose', step: 'safety', code: 'safe' }, now).effects)).toEqual(['age']);
  });

  it('skip a known question reached later in the flow, and going back still lets the person change it', () => {
    const compiled = flow('helpline/young-person');
    const started = start(compiled, now, knownAnswers(compiled, { under18: true }));
    expect(asked(started.effects)).toEqual(['safety']);
    const safe = step(compiled, started.state, { type: 'choose', step: 'safety', code: 'safe' }, now);
    expect(asked(safe.effects)).toEqual(['school']);
    expect(safe.state.path).toEqual(['safety', 'age']);
    const back = step(compiled, safe.state, { type: 'back' }, now);
    expect(asked(back.effects)).toEqual(['age']);
    const typed = step(compiled, back.state, { type: 'text', step: 'age', value: '15' }, now);
    expect(typed.state.answers.age).toEqual({ kind: 'number', value: 15 });
  });

  it('skip only what is known: "not really safe" still leads to the tips and the choice to stop', () => {
    const compiled = flow('helpline/self-check');
    const { state, effects } = start(compiled, now, knownAnswers(compiled, { safety: 'not_really' }));
    expect(asked(effects)).toEqual(['unsafe_choice']);
    const on = step(compiled, state, { type: 'choose', step: 'unsafe_choice', code: 'continue' }, now);
    expect(asked(on.effects)).toEqual(['age']);
  });

  it('in the self-check, "not under 18" answers the age question as an adult', () => {
    const compiled = flow('helpline/self-check');
    const { state, effects } = start(compiled, now, knownAnswers(compiled, { safety: 'safe', under18: false }));
    expect(asked(effects)).toEqual(['where']);
    expect(assessState(compiled, state)).toMatchObject({ child: false });
  });

  it('are refused by the flow checks on a step they cannot answer', () => {
    const flowFile = flowSchema.parse(
      parse(`
id: surveys/tiny
version: 1
kind: survey
title: title
languages: [en]
start: name
steps:
  - { id: name, type: text, text: name, from: safety, next: age }
  - { id: age, type: single, text: age, from: age, options: [{ code: a, label: a }, { code: b, label: b }], next: bye }
  - { id: bye, type: end, text: bye, outcome: done }
`),
    );
    expect(checkKnownAnswers(flowFile).map((finding) => finding.path)).toEqual(['steps[0].from', 'steps[1].from']);
  });
});
