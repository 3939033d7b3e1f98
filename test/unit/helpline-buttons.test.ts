import { describe, expect, it } from 'vitest';
import type { FlowInput } from '../../src/flows/engine.js';
import { loadAreaFlows } from '../../src/flow-actions.js';
import { CALLBACK_DATA_LIMIT } from '../../src/flows/buttons.js';
import { decodeHelplineButton as decodeButton, helplineButton as button, isHelplineData } from '../../src/transport/telegram/helpline-buttons.js';

const HOLD = button.hold;

describe('button data', () => {
  it.each<FlowInput>([
    { type: 'choose', step: 'safety', code: 'danger' },
    { type: 'toggle', step: 'money', code: 'debt_keeps_me' },
    { type: 'done', step: 'money' },
    { type: 'skip', step: 'age' },
    { type: 'na', step: 'proc_venue' },
    { type: 'back' },
  ])('round-trips %o', (input) => {
    expect(decodeButton(button.flow(input))).toEqual({ kind: 'flow', input });
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
          const data = button.flow({ type: 'toggle', step: step.id, code: option.code });
          expect(Buffer.byteLength(data), `${flow.id} ${data}`).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
          expect(decodeButton(data)).toMatchObject({ kind: 'flow' });
        }
      }
    }
  });

  it("writes every button under the helpline's prefix", () => {
    const written = [
      button.person,
      button.exit,
      button.feedback,
      HOLD,
      button.notice,
      button.regions,
      button.countries,
      button.language('sq'),
      button.safety('safe'),
      button.menu('home'),
      button.age(true),
      button.resume(true),
      button.delete(false),
      button.region('fier'),
      button.region(null),
      button.country('AL'),
      button.country('IT', 'emergency'),
      button.flow({ type: 'back' }),
      button.flow({ type: 'choose', step: 'safety', code: 'danger' }),
    ];
    for (const data of written) {
      expect(data).toMatch(/^h:/);
      expect(isHelplineData(data)).toBe(true);
      expect(decodeButton(data).kind).not.toBe('unknown');
    }
    expect([button.person, button.exit, button.notice, button.flow({ type: 'back' })]).toEqual(['h:p', 'h:x', 'h:o', 'h:b']);
  });

  it.each<[string, unknown]>([
    ['p', { kind: 'person' }],
    ['x', { kind: 'exit' }],
    ['f', { kind: 'feedback' }],
    ['w', { kind: 'hold' }],
    ['o', { kind: 'notice' }],
    ['l|sq', { kind: 'language', language: 'sq' }],
    ['y|danger', { kind: 'safety', answer: 'danger' }],
    ['m|services', { kind: 'menu', item: 'services' }],
    ['z|yes', { kind: 'delete', confirmed: true }],
    ['e|it', { kind: 'country', country: 'IT', then: 'emergency' }],
    ['g|none', { kind: 'region', region: null }],
    ['c|safety|danger', { kind: 'flow', input: { type: 'choose', step: 'safety', code: 'danger' } }],
    ['b', { kind: 'flow', input: { type: 'back' } }],
  ])('still reads %s, as buttons sent before the prefix carry it', (data, action) => {
    expect(isHelplineData(data)).toBe(true);
    expect(decodeButton(data)).toEqual(action);
    expect(decodeButton(`h:${data}`)).toEqual(action);
  });

  it.each(['o:take|K7-4QF', 'i:no', 'e:x', 'h:', 'h:h:x', 'h:zz', 'H:x', 'h:c|safety', 'h:c|a|b|c'])("reads %s as unknown: another area's, or forged", (data) => {
    expect(decodeButton(data)).toEqual({ kind: 'unknown' });
  });

  it("leaves other areas' buttons to them", () => {
    for (const data of ['o:take|K7-4QF', 'i:no', 'e:x']) expect(isHelplineData(data)).toBe(false);
    // Without a prefix a press is the helpline's, as every press was before areas had prefixes.
    for (const data of ['x', 'zzz', 'h|take|K7-4QF', 'H:x']) expect(isHelplineData(data)).toBe(true);
  });
});
