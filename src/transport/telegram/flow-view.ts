import { choicesOf } from '../../flows/catalog.js';
import type { InlineKeyboardButton } from 'grammy/types';
import type { Effect, FlowInput } from '../../flows/engine.js';
import type { Translate } from '../../i18n/index.js';
import { hintKey, type Hints } from '../../flows/hints.js';
import { helplineButton } from './helpline-buttons.js';

/** One Telegram message: its text and its inline keyboard. */
export interface View {
  text: string;
  keyboard: InlineKeyboardButton[][];
}

const button = (text: string, data: string): InlineKeyboardButton => ({ text, callback_data: data });

/** On every message of the helpline, in one tap: talk to a person, and leave. */
export const safetyRow = (t: Translate): InlineKeyboardButton[] => [button(t('bot:buttons.person'), helplineButton.person), button(t('bot:buttons.exit'), helplineButton.exit)];

/**
 * The buttons of the area that runs a flow: its answers are written under the area's
 * prefix, and every message ends with the area's own row.
 */
export interface FlowButtons {
  answer(input: FlowInput): string;
  row(t: Translate): InlineKeyboardButton[];
}

/** The helpline's: its prefix, and the safety row. */
export const helplineFlowButtons: FlowButtons = { answer: helplineButton.flow, row: safetyRow };

function askView(effect: Extract<Effect, { type: 'ask' }>, t: Translate, area: FlowButtons): View {
  const { step } = effect;
  const rows: InlineKeyboardButton[][] = choicesOf(step).map((choice) => {
    if (step.type !== 'multi') return [button(t(choice.label), area.answer({ type: 'choose', step: step.id, code: choice.code }))];
    const ticked = effect.selection.includes(choice.code) ? '✓ ' : '';
    return [button(`${ticked}${t(choice.label)}`, area.answer({ type: 'toggle', step: step.id, code: choice.code }))];
  });
  if (step.type === 'multi') rows.push([button(t(step.done), area.answer({ type: 'done', step: step.id }))]);
  const extra: InlineKeyboardButton[] = [];
  if (step.type === 'scale' && step.notApplicable) extra.push(button(t(step.notApplicable), area.answer({ type: 'na', step: step.id })));
  if (step.skippable) extra.push(button(t('flows:skip'), area.answer({ type: 'skip', step: step.id })));
  if (effect.canGoBack) extra.push(button(t('flows:back'), area.answer({ type: 'back' })));
  if (extra.length > 0) rows.push(extra);
  rows.push(area.row(t));
  return { text: t(step.text), keyboard: rows };
}

/**
 * How an engine effect looks on Telegram. Effects that start work rather than
 * show text (urgent, action, handoff) have no view of their own: the helpline
 * decides what they send.
 */
export function viewOf(effect: Effect, t: Translate, hints?: Hints, area: FlowButtons = helplineFlowButtons): View | undefined {
  switch (effect.type) {
    case 'ask':
      return askView(effect, t, area);
    case 'say':
    case 'end':
      return { text: t(effect.text), keyboard: [area.row(t)] };
    case 'invalid':
      return { text: t(hintKey(effect.hint, hints), effect.vars), keyboard: [area.row(t)] };
    default:
      return undefined;
  }
}
