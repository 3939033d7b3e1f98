import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/index.js';
import { decodeHelplineButton as decodeButton } from '../../src/transport/telegram/helpline-buttons.js';
import { viewOf } from '../../src/transport/telegram/flow-view.js';
import { drive, flowFrom } from '../support/flows.js';
import { FLOW, SET } from './flows/fixtures.js';

const flow = flowFrom(FLOW, SET);
const i18n = createI18n();
const t = (key: string, vars?: Record<string, string | number>) => (key.includes(':') ? i18n.t('en', key, vars) : `<${key}>`);

describe('flow views on Telegram', () => {
  it('show a question with a button per choice, then talk-to-a-person and exit', () => {
    const run = drive(flow);
    const view = viewOf(run.effects[1]!, t);
    expect(view?.text).toBe('<safe.text>');
    expect(view?.keyboard).toEqual([
      [{ text: '<safe.yes>', callback_data: 'h:c|safe|yes' }],
      [{ text: '<safe.danger>', callback_data: 'h:c|safe|danger' }],
      [
        { text: 'Talk to a person', callback_data: 'h:p' },
        { text: 'Exit', callback_data: 'h:x' },
      ],
    ]);
  });

  it('tick chosen answers of a multiple choice and offer done, skip and back where they apply', () => {
    const run = drive(flow);
    run.answer('yes');
    run.answer('30');
    run.send({ type: 'toggle', step: 'work', code: 'job' });
    const keyboard = viewOf(run.effects[0]!, t)?.keyboard ?? [];
    expect(keyboard.map((row) => row.map((b) => b.text))).toEqual([['✓ <work.job>'], ['<work.begging>'], ['<work.none>'], ['Done'], ['Back'], ['Talk to a person', 'Exit']]);
    run.send({ type: 'done', step: 'work' });
    run.answer('no');
    const scale = viewOf(run.effects.find((effect) => effect.type === 'ask')!, t)?.keyboard ?? [];
    expect(scale.at(-2)?.map((b) => b.text)).toEqual(['Not applicable', 'Back']);
  });

  it('give every button data that reads back as the same answer', () => {
    const run = drive(flow);
    for (const row of viewOf(run.effects[1]!, t)?.keyboard ?? []) {
      for (const b of row) expect(decodeButton('callback_data' in b ? b.callback_data : undefined).kind).not.toBe('unknown');
    }
  });

  it('show hints with their numbers, and keep the safety buttons on every message', () => {
    const run = drive(flow);
    run.answer('yes');
    run.answer('200');
    const hint = viewOf(run.effects[0]!, t);
    expect(hint?.text).toBe('Please write a number from 5 to 99.');
    expect(hint?.keyboard.at(-1)?.map((b) => b.text)).toEqual(['Talk to a person', 'Exit']);
    expect(viewOf(drive(flow).effects[0]!, t)?.keyboard).toEqual([
      [
        { text: 'Talk to a person', callback_data: 'h:p' },
        { text: 'Exit', callback_data: 'h:x' },
      ],
    ]);
  });
});
