import type { InlineKeyboardButton } from 'grammy/types';
import type { Effect } from '../../flows/engine.js';
import { flowNamespace } from '../../flows/schema.js';
import { DEFAULT_LANGUAGE, type I18n, isLanguage, type Translate } from '../../i18n/index.js';
import type { MessagePayload, OpenRun, RunAnswer, SurveyRun, SurveyWriter } from '../../surveys/index.js';
import { type FlowButtons, type View, viewOf } from './flow-view.js';
import { surveyButton } from './survey-buttons.js';

/** The namespace of the runs' own texts (the forms' texts are in their flows' namespaces). */
export const SURVEYS_NAMESPACE = 'surveys';

/** A run's flow buttons carry its code; no row is added (participants are not help-seekers: no exit, no "talk to a person"). */
const runButtons = (code: string): FlowButtons => ({ answer: surveyButton.answer(code), row: () => [] });

const button = (text: string, data: string): InlineKeyboardButton => ({ text, callback_data: data });
const language = (value: string) => (isLanguage(value) ? value : DEFAULT_LANGUAGE);

/** The views of a run's effects, in a language: its questions with the run's buttons. */
export function runViews(i18n: I18n, run: SurveyRun, lang: string, effects: readonly Effect[]): View[] {
  const t = i18n.forLanguage(language(lang), flowNamespace(run.flowId));
  return effects.flatMap((effect) => {
    const view = viewOf(effect, t, undefined, runButtons(run.code ?? ''));
    return view ? [{ text: view.text, keyboard: view.keyboard.filter((row) => row.length > 0) }] : [];
  });
}

/** What the chat is shown for a run's answer: the turn's messages, or why there is none. */
export function runAnswerViews(i18n: I18n, lang: string, answer: RunAnswer): View[] {
  if (answer.kind === 'turn') return runViews(i18n, answer.run, answer.turn.conversation.language, answer.turn.effects);
  const t = i18n.forLanguage(language(lang), SURVEYS_NAMESPACE);
  return [{ text: t(`refused.${answer.reason}`), keyboard: [] }];
}

/** `/survey`: the runs this chat can answer now, one button each. */
export function openRunsView(i18n: I18n, lang: string, runs: readonly OpenRun[]): View {
  const t: Translate = i18n.forLanguage(language(lang), SURVEYS_NAMESPACE);
  if (runs.length === 0) return { text: t('list.none'), keyboard: [] };
  const title = ({ run, eventName }: OpenRun) => {
    const form = i18n.forLanguage(language(lang), flowNamespace(run.flowId))('title');
    return eventName ? t('list.item', { form, event: eventName }) : form;
  };
  // "Anonymous" is said only when every run listed is.
  return { text: t(runs.some((open) => open.keepsProfile) ? 'list.title_profile' : 'list.title'), keyboard: runs.map((open) => [button(title(open), surveyButton.open(open.run.code ?? ''))]) };
}

const payloadOf = (view: View): MessagePayload => ({ text: view.text, ...(view.keyboard.length > 0 ? { reply_markup: { inline_keyboard: view.keyboard } } : {}) });

/** How the outbox's survey messages read: the opening (the form's first messages and question) and the reminder. */
export const surveyWriter = (i18n: I18n): SurveyWriter => ({
  opening: (run, lang, effects) => runViews(i18n, run, lang, effects).map(payloadOf),
  reminder(run, lang, eventName, anonymous) {
    const t = i18n.forLanguage(language(lang), SURVEYS_NAMESPACE);
    const form = i18n.forLanguage(language(lang), flowNamespace(run.flowId))('title');
    return payloadOf({ text: t(anonymous ? 'reminder.text' : 'reminder.text_profile', { form, event: eventName }), keyboard: [[button(t('reminder.continue'), surveyButton.open(run.code ?? ''))]] });
  },
});
