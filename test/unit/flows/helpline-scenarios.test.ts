import { describe, expect, it } from 'vitest';
import type { Effect } from '../../../src/flows/engine.js';
import { loadAreaFlows } from '../../../src/flow-actions.js';
import { flowNamespace } from '../../../src/flows/schema.js';
import { createI18n } from '../../../src/i18n/index.js';
import { drive } from '../../support/flows.js';

// Conversations on the shipped helpline flows, as a person would have them.
const { catalog } = loadAreaFlows();
const flow = (id: string) => {
  const compiled = catalog.get(id);
  if (!compiled) throw new Error(`${id} is not a valid shipped flow`);
  return compiled;
};
const said = (effects: Effect[]) => effects.flatMap((effect) => (effect.type === 'say' ? [effect.step] : []));
const ended = (effects: Effect[]) => effects.find((effect): effect is Extract<Effect, { type: 'end' }> => effect.type === 'end');

describe('helpline/self-check', () => {
  it('turns "I am in danger now" straight into urgent help: emergency numbers, a person, an urgent end', () => {
    const run = drive(flow('helpline/self-check'));
    run.answer('danger');
    expect(run.effects[0]).toMatchObject({ type: 'urgent', assessment: { level: 'URGENT', reasons: [{ indicator: 'danger_now' }] } });
    expect(run.effects.filter((effect) => effect.type === 'action').map((effect) => effect.type === 'action' && effect.name)).toEqual(['show_emergency', 'offer_handoff']);
    expect(ended(run.effects)).toMatchObject({ outcome: 'urgent' });
  });

  it('reads held documents, withheld pay and forced work as a serious situation, with the reasons for the operator', () => {
    const run = drive(flow('helpline/self-check'));
    run.answer('safe');
    run.answer('34');
    run.answer('home_country');
    run.answer('employer');
    run.answer('at_work');
    run.answer('free');
    run.answer(['not_paid']);
    run.answer(['none']);
    run.answer('agency');
    run.answer('job');
    run.answer('yes');
    run.answer(['work_cannot_quit']);
    run.answer('no');
    run.answer(['talk_to_person']);
    expect(said(run.effects)).toContain('summary_high');
    run.answer('agree');
    expect(run.effects.map((effect) => effect.type)).toEqual(['handoff', 'end']);
    const end = ended(run.effects);
    expect(end).toMatchObject({ outcome: 'handoff_requested', assessment: { level: 'HIGH', child: false } });
    expect(end?.assessment?.reasons.map((reason) => reason.indicator)).toEqual(
      expect.arrayContaining(['documents_held', 'pay_withheld', 'forced_work', 'deceptive_recruitment', 'recruited_by_third_party']),
    );
  });

  it('lets someone who cannot talk safely stop and come back later', () => {
    const run = drive(flow('helpline/self-check'));
    run.answer('not_really');
    run.answer('later');
    expect(ended(run.effects)).toMatchObject({ outcome: 'paused_unsafe' });
  });
});

describe('helpline/young-person', () => {
  it('sees a 16-year-old sent begging by someone who is not a parent as serious, though no force or debt was named', () => {
    const run = drive(flow('helpline/young-person'));
    run.answer('safe');
    run.answer('16');
    run.answer('yes_regularly');
    run.answer(['street']);
    run.answer(['none']);
    run.answer('no');
    run.answer('no');
    run.answer('before');
    run.answer('no');
    run.answer('no');
    run.answer(['none']);
    run.answer(['relative']);
    run.answer(['talk_to_person']);
    expect(said(run.effects)).toContain('summary_high');
    run.answer('decline');
    expect(ended(run.effects)).toMatchObject({ outcome: 'info_only', assessment: { level: 'HIGH', child: true } });
  });

  it('treats a child being moved right now as urgent', () => {
    const run = drive(flow('helpline/young-person'));
    for (const answer of ['safe', '15', 'sometimes']) run.answer(answer);
    run.answer(['none']);
    run.answer(['none']);
    run.answer('no');
    run.answer('no');
    run.answer('now');
    expect(run.effects[0]).toMatchObject({ type: 'urgent', assessment: { level: 'URGENT' } });
    expect(ended(run.effects)).toMatchObject({ outcome: 'urgent' });
  });
});

describe('helpline wording', () => {
  const i18n = createI18n();
  const helpline = [...catalog.flows.values()].filter((compiled) => compiled.flow.id.startsWith('helpline/'));

  it.each(['sq', 'en'] as const)('never asks a person whether they are a victim (%s)', (language) => {
    expect(helpline.length).toBe(4);
    for (const compiled of helpline) {
      for (const step of compiled.flow.steps.filter((candidate) => candidate.type !== 'message' && candidate.type !== 'end')) {
        const text = i18n.t(language, `${flowNamespace(compiled.flow.id)}:${step.text}`);
        expect(text, `${compiled.flow.id} ${step.id}`).not.toMatch(/victim|viktim/i);
      }
    }
  });

  it("says plainly that it is not the person's fault, in every helpline flow", () => {
    for (const compiled of helpline) {
      const texts = compiled.flow.steps.map((step) => i18n.t('en', `${flowNamespace(compiled.flow.id)}:${step.text}`)).join(' ');
      expect(texts, compiled.flow.id).toMatch(/not (your|their) fault/i);
    }
  });
});
