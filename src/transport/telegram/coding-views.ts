import type { InlineKeyboardButton } from 'grammy/types';
import { flowNamespace } from '../../flows/schema.js';
import type { Translate } from '../../i18n/index.js';
import type { AnswerToCode, CodingScreen } from '../../surveys/index.js';
import { codingButton, MAX_CHAT_THEMES } from './coding-buttons.js';
import type { View } from './flow-view.js';

/** A text in the coder's language, else in any language the codebook wrote it in, else its code. */
const inLanguage = (texts: Readonly<Record<string, string>>, language: string, fallback: string): string => texts[language] ?? Object.values(texts)[0] ?? fallback;

/** The buttons of an answer: one per theme (✅ ticked, 💡 suggested by its words), then "no theme fits" and "save". */
export function codingKeyboard(t: Translate, language: string, screen: AnswerToCode, ticked: ReadonlySet<number>): InlineKeyboardButton[][] {
  const buttons = codingButton(screen.event.joinCode, screen.answer.ref, ticked);
  const themes = screen.themes.slice(0, MAX_CHAT_THEMES).map((theme, index) => {
    const mark = ticked.has(index) ? '✅ ' : screen.suggested.includes(theme.code) ? '💡 ' : '';
    return [{ text: `${mark}${inLanguage(theme.labels, language, theme.code)}`, callback_data: buttons.toggle(index) }];
  });
  return [
    ...themes,
    [
      { text: t('coding.none_fits'), callback_data: buttons.none },
      { text: t('coding.save'), callback_data: buttons.save },
    ],
    [{ text: t('coding.quote'), callback_data: buttons.quote }],
  ];
}

/** The themes a coder gave an answer before, as ticks: coding it again starts from them. */
export const ticksOf = (screen: AnswerToCode): Set<number> => new Set(screen.themes.flatMap((theme, index) => (screen.coded?.includes(theme.code) ? [index] : [])));

/** What the coder is shown: an answer with its themes, or why there is none. */
export function codingView(t: Translate, language: string, screen: CodingScreen, ticked?: ReadonlySet<number>): View {
  switch (screen.kind) {
    case 'answer': {
      const form = flowNamespace(screen.form);
      const text = [
        t('coding.answer', { event: screen.event.name(language), form: t(`${form}:title`), question: t(`${form}:${screen.answer.item}.text`), text: screen.answer.text }),
        ...(screen.left === null ? [] : [t('coding.left', { count: screen.left })]),
        t('coding.instructions'),
      ].join('\n\n');
      return { text, keyboard: codingKeyboard(t, language, screen, ticked ?? ticksOf(screen)) };
    }
    case 'done':
      return { text: t('coding.done', { event: screen.event.name(language) }), keyboard: [] };
    case 'no_codebook':
      return { text: t('coding.no_codebook', { event: screen.event.name(language), forms: screen.forms.join(', ') }), keyboard: [] };
    default:
      return { text: t(`coding.${screen.kind}`), keyboard: [] };
  }
}
