import { choicesOf } from '../../flows/catalog.js';
import type { InlineKeyboardButton } from 'grammy/types';
import type { Effect } from '../../flows/engine.js';
import type { Translate } from '../../i18n/index.js';
import { encodeInput } from '../../flows/buttons.js';
import { hintKey, type Hints } from '../../flows/hints.js';
import { EXIT, PERSON } from './callback-data.js';

/** One Telegram message: its text and its inline keyboard. */
export interface View {
  text: string;
  keyboard: InlineKeyboardButton[][];
}

const button = (text: string, data: string): InlineKeyboardButton => ({ text, callback_data: data });

/** On every message, in one tap: talk to a person, and leave. */
export const safetyRow = (t: Translate): InlineKeyboardButton[] => [button(t('bot:buttons.person'), PERSON), button(t('bot:buttons.exit'), EXIT)];

function askView(effect: Extract<Effect, { type: 'ask' }>, t: Translate): View {
  const { step } = effect;
  const rows: InlineKeyboardButton[][] = choicesOf(step).map((choice) => {
    if (step.type !== 'multi') return [button(t(choice.label), encodeInput({ type: 'choose', step: step.id, code: choice.code }))];
    const ticked = effect.selection.includes(choice.code) ? '✓ ' : '';
    return [button(`${ticked}${t(choice.label)}`, encodeInput({ type: 'toggle', step: step.id, code: choice.code }))];
  });
  if (step.type === 'multi') rows.push([button(t(step.done), encodeInput({ type: 'done', step: step.id }))]);
  const extra: InlineKeyboardButton[] = [];
  if (step.type === 'scale' && step.notApplicable) extra.push(button(t(step.notApplicable), encodeInput({ type: 'na', step: step.id })));
  if (step.skippable) extra.push(button(t('flows:skip'), encodeInput({ type: 'skip', step: step.id })));
  if (effect.canGoBack) extra.push(button(t('flows:back'), encodeInput({ type: 'back' })));
  if (extra.length > 0) rows.push(extra);
  rows.push(safetyRow(t));
  return { text: t(step.text), keyboard: rows };
}

/**
 * How an engine effect looks on Telegram. Effects that start work rather than
 * show text (urgent, action, handoff) have no view of their own: the helpline
 * decides what they send.
 */
export function viewOf(effect: Effect, t: Translate, hints?: Hints): View | undefined {
  switch (effect.type) {
    case 'ask':
      return askView(effect, t);
    case 'say':
    case 'end':
      return { text: t(effect.text), keyboard: [safetyRow(t)] };
    case 'invalid':
      return { text: t(hintKey(effect.hint, hints), effect.vars), keyboard: [safetyRow(t)] };
    default:
      return undefined;
  }
}
