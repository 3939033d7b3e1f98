import type { InlineKeyboardButton } from 'grammy/types';
import { flowNamespace } from '../../flows/schema.js';
import type { Translate } from '../../i18n/index.js';
import type { AnswerToCode, CodingScreen, DisagreementToSettle } from '../../surveys/index.js';
import { codingButton, type CodingMode, MAX_CHAT_THEMES } from './coding-buttons.js';
import type { View } from './flow-view.js';

/** A text in the coder's language, else in any language the codebook wrote it in, else its code. */
const inLanguage = (texts: Readonly<Record<string, string>>, language: string, fallback: string): string => texts[language] ?? Object.values(texts)[0] ?? fallback;

type Shown = AnswerToCode | DisagreementToSettle;

/**
 * The buttons of an answer: one per theme (✅ ticked, 💡 suggested by its words), then "no
 * theme fits" and "save" (or "settle"); coding also offers to quote the answer.
 */
export function codingKeyboard(t: Translate, language: string, screen: Shown, ticked: ReadonlySet<number>, mode: CodingMode = 'code'): InlineKeyboardButton[][] {
  const buttons = codingButton(screen.event.joinCode, screen.answer.ref, ticked, mode);
  const themes = screen.themes.slice(0, MAX_CHAT_THEMES).map((theme, index) => {
    const mark = ticked.has(index) ? '✅ ' : screen.suggested.includes(theme.code) ? '💡 ' : '';
    return [{ text: `${mark}${inLanguage(theme.labels, language, theme.code)}`, callback_data: buttons.toggle(index) }];
  });
  const decide = [
    { text: t('coding.none_fits'), callback_data: buttons.none },
    { text: t(mode === 'code' ? 'coding.save' : 'coding.settle'), callback_data: buttons.save },
  ];
  return [...themes, decide, ...(mode === 'code' ? [[{ text: t('coding.quote'), callback_data: buttons.quote }]] : [])];
}

/** The themes a coder gave an answer before, as ticks: coding it again starts from them. */
export const ticksOf = (screen: AnswerToCode): Set<number> => new Set(screen.themes.flatMap((theme, index) => (screen.coded?.includes(theme.code) ? [index] : [])));

/** What both coders gave, as ticks: the themes they agree on, for the one settling to confirm or change. */
const agreedTicks = (screen: DisagreementToSettle): Set<number> =>
  new Set(screen.themes.flatMap((theme, index) => (screen.codings.length > 0 && screen.codings.every((coding) => coding.themes.includes(theme.code)) ? [index] : [])));

/** The answer's heading: the event, the form, the question and the answer's words. */
function answerText(t: Translate, language: string, screen: Shown): string {
  const form = flowNamespace(screen.form);
  return t('coding.answer', { event: screen.event.name(language), form: t(`${form}:title`), question: t(`${form}:${screen.answer.item}.text`), text: screen.answer.text });
}

/** What the coder is shown: an answer with its themes, a disagreement to settle, or why there is none. */
export function codingView(t: Translate, language: string, screen: CodingScreen, ticked?: ReadonlySet<number>): View {
  const label = (screen: Shown, code: string) => inLanguage(screen.themes.find((theme) => theme.code === code)?.labels ?? {}, language, code);
  switch (screen.kind) {
    case 'answer': {
      const text = [answerText(t, language, screen), ...(screen.left === null ? [] : [t('coding.left', { count: screen.left })]), t('coding.instructions')].join('\n\n');
      return { text, keyboard: codingKeyboard(t, language, screen, ticked ?? ticksOf(screen)) };
    }
    case 'disagreement': {
      // Each coder's themes in the codebook's order, so that the two lines read side by side.
      const inOrder = (codes: readonly string[]) => [...codes].sort((a, b) => screen.themes.findIndex((theme) => theme.code === a) - screen.themes.findIndex((theme) => theme.code === b));
      const themesOf = (codes: readonly string[]) =>
        codes.length > 0
          ? inOrder(codes)
              .map((code) => label(screen, code))
              .join(', ')
          : t('coding.none_fits');
      const codings = screen.codings.map((coding) => `${coding.coder}: ${themesOf(coding.themes)}`);
      const text = [answerText(t, language, screen), codings.join('\n'), t('coding.unsettled_left', { count: screen.left ?? 1 }), t('coding.settle_instructions')].join('\n\n');
      return { text, keyboard: codingKeyboard(t, language, screen, ticked ?? agreedTicks(screen), 'settle') };
    }
    case 'done':
      return {
        text: [t('coding.done', { event: screen.event.name(language) }), ...(screen.unsettled > 0 ? [t('coding.settle_hint', { count: screen.unsettled, code: screen.event.joinCode })] : [])].join(
          '\n\n',
        ),
        keyboard: [],
      };
    case 'settled':
      return { text: t('coding.settled', { event: screen.event.name(language) }), keyboard: [] };
    case 'no_codebook':
      return { text: t('coding.no_codebook', { event: screen.event.name(language), forms: screen.forms.join(', ') }), keyboard: [] };
    default:
      return { text: t(`coding.${screen.kind}`), keyboard: [] };
  }
}
