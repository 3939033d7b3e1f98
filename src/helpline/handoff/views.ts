import { choicesOf, type FlowCatalog } from '../../flows/catalog.js';
import { AGE_BANDS, flowNamespace } from '../../flows/schema.js';
import type { Answer } from '../../flows/state.js';
import type { HelpCase } from '../cases.js';
import type { Directory } from '../directory.js';
import { withNumbers } from '../numbers-text.js';
import type { Operator } from '../../staff/operators.js';
import { isLanguage, type I18n, type Language } from '../../i18n/index.js';
import { keyboardOf, rowOf, type Choice, type Keyboard, type KeyboardRow, type WriteButton } from './keyboard.js';
import type { CaseMessage } from './model.js';

/** Telegram's limits for one message's text and for a caption. */
export const MESSAGE_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

const characters = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The pieces a text may be cut between: whole characters as a reader sees them
 * (an emoji with its skin tone, a family, a flag, a letter with its accent), so no
 * part ends in half of one. A character longer than a whole part (a pathological
 * stack of combining marks) is cut between code points, which still leaves valid text.
 */
function pieces(text: string, room: number): string[] {
  return [...characters.segment(text)].flatMap(({ segment }) => (segment.length <= room ? [segment] : Array.from(segment)));
}

/**
 * A text under a tag, in as many parts as `limit` needs, each part tagged. The
 * limit counts UTF-16 units, as Telegram counts a message's length.
 */
export function tagged(tag: string, text: string, limit: number): string[] {
  // Room for at least one code point, even under a tag as long as the limit.
  const room = Math.max(2, limit - tag.length);
  const parts: string[] = [];
  let current = '';
  for (const piece of pieces(text, room)) {
    if (current.length + piece.length > room) {
      parts.push(tag + current);
      current = '';
    }
    current += piece;
  }
  if (current !== '' || parts.length === 0) parts.push(tag + current);
  return parts;
}

/** Operators read Ura in the first of their languages Ura speaks, English otherwise. */
export const consoleLanguage = (operator: Pick<Operator, 'languages'>): Language => operator.languages.find(isLanguage) ?? 'en';

const LEVEL_MARK: Record<HelpCase['level'], string> = { URGENT: '🔴', HIGH: '🟠', CONCERN: '🟡', INFO: '⚪' };

/**
 * What the handoff shows operators and people: case cards, transcripts, tags, and the
 * buttons of its messages, written by `writeButton` (the transport's).
 */
export function createViews(deps: { i18n: I18n; catalog: FlowCatalog; directory: Directory; writeButton: WriteButton }) {
  const { i18n, catalog, directory } = deps;
  const keyboard = (rows: Choice[][]): Keyboard => keyboardOf(deps.writeButton, rows);
  const tr = (language: Language) => i18n.forLanguage(language, 'handoff');

  const minutes = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));

  function answerText(flowId: string, step: string, answer: Answer, language: Language): string {
    const t = tr(language);
    const compiled = catalog.get(flowId);
    const definition = compiled?.steps.get(step);
    const ns = flowNamespace(flowId);
    const label = (code: string) => {
      const choice = definition ? choicesOf(definition).find((candidate) => candidate.code === code) : undefined;
      if (choice) return i18n.forLanguage(language, ns)(choice.label);
      // An age the bot asked before the flow is kept as its band, not as a number.
      const band = Object.values(AGE_BANDS).find((value) => value === code);
      return band ? t(`transcript.age_band.${band}`) : code;
    };
    switch (answer.kind) {
      case 'choice':
        return label(answer.code);
      case 'choices':
        return answer.codes.map(label).join(', ');
      case 'number':
        return String(answer.value);
      case 'text':
        return `“${answer.value}”`;
      case 'consent':
        return t(answer.agreed ? 'answer.agreed' : 'answer.declined');
      case 'skipped':
        return t('answer.skipped');
      case 'na':
        return t('answer.na');
    }
  }

  /** The head of a case as operators see it: level, code, language, age band, source, why, how long. */
  function caseHead(helpCase: HelpCase, language: Language, now: Date): string {
    const t = tr(language);
    const lines = [
      `${LEVEL_MARK[helpCase.level]} ${t(`level.${helpCase.level}`)} · ${helpCase.code}`,
      t('card.facts', {
        language: i18n.t(language, `helpline:language.names.${helpCase.language}`, { defaultValue: helpCase.language }),
        age: t(`age.${helpCase.ageBand}`),
        trigger: t(`trigger.${helpCase.trigger}`),
        source: helpCase.source ?? t('card.direct'),
      }),
    ];
    if (helpCase.summary.urgentWords) lines.push(t('card.urgent_words', { words: helpCase.summary.urgentWords }));
    // What the person wants, in their own choice of words from the screening.
    const wants = helpCase.summary.answers.wants;
    if (helpCase.summary.flowId && wants && (wants.kind === 'choices' || wants.kind === 'choice')) {
      lines.push(t('card.wants', { wants: answerText(helpCase.summary.flowId, 'wants', wants, language) }));
    }
    // A referral (e.g. a sexually exploited child to child protection) stands next to the reason that calls for it.
    for (const reason of helpCase.summary.reasons.slice(0, 8)) lines.push(`• ${t(reason.label)}${reason.refer ? ` → ${t(reason.refer.label)}` : ''}`);
    lines.push(t('card.waiting', { minutes: minutes(helpCase.createdAt, now) }));
    return lines.join('\n');
  }

  return {
    tr,

    keyboard,

    /** The one-tap exit, on everything a person gets from the handoff, in their language. */
    exitRow: (language: Language): KeyboardRow => rowOf(deps.writeButton, [{ text: tr(language)('bot:buttons.exit'), button: { does: 'exit' } }]),

    card(helpCase: HelpCase, language: Language, now: Date): { text: string; reply_markup: { inline_keyboard: Keyboard } } {
      return {
        text: caseHead(helpCase, language, now),
        reply_markup: { inline_keyboard: keyboard([[{ text: tr(language)('card.take'), button: { does: 'take', code: helpCase.code } }]]) },
      };
    },

    /** The whole story so far, in as many messages as Telegram's limit needs: the head, the answers, the messages. */
    transcript(helpCase: HelpCase, messages: CaseMessage[], language: Language, now: Date): string[] {
      const t = tr(language);
      const lines = [caseHead(helpCase, language, now)];
      const answers = Object.entries(helpCase.summary.answers);
      if (helpCase.summary.flowId && answers.length > 0) {
        lines.push('', t('transcript.answers'));
        const ns = flowNamespace(helpCase.summary.flowId);
        const steps = catalog.get(helpCase.summary.flowId)?.steps;
        for (const [step, answer] of answers) {
          const question = steps?.get(step);
          const asked = question && 'text' in question ? i18n.t(language, `${ns}:${question.text}`) : step;
          lines.push(`• ${asked.split('\n')[0]} → ${answerText(helpCase.summary.flowId, step, answer, language)}`);
        }
      }
      if (messages.length > 0) {
        lines.push('', t('transcript.messages'));
        for (const message of messages) lines.push(`${t(`author.${message.author}`)}: ${message.text ?? t('transcript.media', { kind: message.kind })}`);
      }
      return split(lines.join('\n'));
    },

    /** A waiting case's person is told it takes longer, with the numbers of the country they said they are in. */
    takingLonger: (helpCase: Pick<HelpCase, 'country'>, language: Language): string =>
      withNumbers(directory, helpCase.country, tr(language), { albania: 'person.taking_longer', intro: 'person.taking_longer_intro' }),

    /** How an operator sees who wrote: the case code. */
    personTag: (code: string) => `[${code}] `,
    /** How a person sees who wrote: the pseudonym, or "Team member". */
    operatorTag: (pseudonym: string | null, language: Language) => `${pseudonym ?? tr(language)('team_member')}: `,
  };
}

export type Views = ReturnType<typeof createViews>;

/** Splits at line ends so that every part fits in one Telegram message. */
function split(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const piece = line.length > MESSAGE_LIMIT ? `${tagged('', line, MESSAGE_LIMIT - 1)[0] ?? ''}…` : line;
    if (current.length + piece.length + 1 > MESSAGE_LIMIT) {
      parts.push(current);
      current = piece;
    } else current = current ? `${current}\n${piece}` : piece;
  }
  if (current) parts.push(current);
  return parts;
}
