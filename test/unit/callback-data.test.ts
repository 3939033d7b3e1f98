import { describe, expect, it } from 'vitest';
import type { FlowInput } from '../../src/flows/engine.js';
import { loadAreaFlows } from '../../src/flow-actions.js';
import { CALLBACK_DATA_LIMIT, encodeInput } from '../../src/flows/buttons.js';
import { button, decodeButton, HOLD } from '../../src/transport/telegram/callback-data.js';

describe('button data', () => {
  it.each<FlowInput>([
    { type: 'choose', step: 'safety', code: 'danger' },
    { type: 'toggle', step: 'money', code: 'debt_keeps_me' },
    { type: 'done', step: 'money' },
    { type: 'skip', step: 'age' },
    { type: 'na', step: 'proc_venue' },
    { type: 'back' },
  ])('round-trips %o', (input) => {
    expect(decodeButton(encodeInput(input))).toEqual({ kind: 'flow', input });
  });

  it('reads the helpline screens buttons', () => {
    expect(decodeButton(button.language('el'))).toEqual({ kind: 'language', language: 'el' });
    expect(decodeButton(button.notice)).toEqual({ kind: 'notice' });
    expect(decodeButton(button.safety('danger'))).toEqual({ kind: 'safety', answer: 'danger' });
    expect(decodeButton(button.menu('worried'))).toEqual({ kind: 'menu', item: 'worried' });
    expect(decodeButton(button.age(true))).toEqual({ kind: 'age', under18: true });
    expect(decodeButton(button.resume(false))).toEqual({ kind: 'resume', resume: false });
    expect(decodeButton(button.delete(true))).toEqual({ kind: 'delete', confirmed: true });
    for (const data of ['y|maybe', 'm|admin', 'a|perhaps', 'l|english', 'o|x']) expect(decodeButton(data)).toEqual({ kind: 'unknown' });
  });

  it('reads the country buttons, "I need a doctor now", and refuses countries no one can choose', () => {
    expect(decodeButton(button.safety('doctor'))).toEqual({ kind: 'safety', answer: 'doctor' });
    expect(decodeButton(button.country('IT'))).toEqual({ kind: 'country', country: 'IT', then: 'services' });
    expect(decodeButton(button.country('GB', 'emergency'))).toEqual({ kind: 'country', country: 'GB', then: 'emergency' });
    expect(decodeButton(button.country('GR', 'crisis'))).toEqual({ kind: 'country', country: 'GR', then: 'crisis' });
    // The crisis variant does not take the invitations' tag.
    expect(button.country('GR', 'crisis').startsWith('v|')).toBe(false);
    expect(decodeButton(button.country('OTHER'))).toEqual({ kind: 'country', country: 'OTHER', then: 'services' });
    expect(decodeButton(button.countries)).toEqual({ kind: 'countries' });
    for (const data of ['k|fr', 'e|IT', 'k|', 'e|ask', 'k|it|x', 'u|fr', 'u|ask']) expect(decodeButton(data)).toEqual({ kind: 'unknown' });
  });

  it('knows the person and exit buttons', () => {
    expect(decodeButton('p')).toEqual({ kind: 'person' });
    expect(decodeButton(HOLD)).toEqual({ kind: 'hold' });
    expect(decodeButton('x')).toEqual({ kind: 'exit' });
  });

  it.each([undefined, '', 'c|safety', 'c|Safety|x', 'z|a|b', 'c|a|b|c', 'd|a|b', 'c|a|<script>', 'c|' + 'a'.repeat(60) + '|b'])('reads %s as an unknown button', (data) => {
    expect(decodeButton(data)).toEqual({ kind: 'unknown' });
  });

  it('fits Telegram for every button of every shipped flow', () => {
    for (const { flow } of loadAreaFlows().catalog.flows.values()) {
      for (const step of flow.steps) {
        const options = step.type === 'single' || step.type === 'multi' ? step.options : step.type === 'scale' ? step.points : [];
        for (const option of options) {
          const data = encodeInput({ type: 'toggle', step: step.id, code: option.code });
          expect(Buffer.byteLength(data), `${flow.id} ${data}`).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
          expect(decodeButton(data)).toMatchObject({ kind: 'flow' });
        }
      }
    }
  });
});
