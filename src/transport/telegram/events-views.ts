import type { InlineKeyboardButton } from 'grammy/types';
import { type ChatAnswer, ENTRANCE_WINDOW_MINUTES, eventName, ORG_TYPES, type ParticipantCard, type Question, shortRef } from '../../events/index.js';
import type { Translate } from '../../i18n/index.js';
import { REGIONS } from '../../shared/regions.js';
import { eventsButton } from './events-buttons.js';

/** A message to send: its text and, if any, its buttons. */
export interface View {
  text: string;
  keyboard?: InlineKeyboardButton[][];
}

/** The types a walk-in chooses from: `staff` is the organisers' own people, on their list. */
const WALK_IN_TYPES = ORG_TYPES.filter((type) => type !== 'staff');

const button = (text: string, data: string): InlineKeyboardButton => ({ text, callback_data: data });
/** Buttons two or three to a row, as they fit a phone. */
const rows = (buttons: InlineKeyboardButton[], perRow: number): InlineKeyboardButton[][] =>
  Array.from({ length: Math.ceil(buttons.length / perRow) }, (_, row) => buttons.slice(row * perRow, (row + 1) * perRow));

/** Previous and next, only where there is a page to go to. */
export function pager(t: Translate, page: number, pages: number, data: (page: number) => string): InlineKeyboardButton[][] {
  const row = [...(page > 0 ? [button(t('chat.buttons.previous'), data(page - 1))] : []), ...(page < pages - 1 ? [button(t('chat.buttons.next'), data(page + 1))] : [])];
  return row.length > 0 ? [row] : [];
}

function questionView(t: Translate, code: string, question: Question): View {
  const notListed = [button(t('chat.buttons.not_listed'), eventsButton.path(code, 'walk_in'))];
  const tail = (purpose: 'register' | 'correct') => (purpose === 'register' ? [notListed] : [[button(t('chat.buttons.cancel'), eventsButton.correct(code, 'cancel'))]]);
  const vars = (page: number, pages: number) => ({ page: page + 1, pages });
  switch (question.kind) {
    case 'language':
      return {
        text: t('chat.language.prompt'),
        keyboard: rows(
          question.languages.map((language) => button(t(`chat.language.names.${language}`), eventsButton.language(code, language))),
          2,
        ),
      };
    case 'path':
      return { text: t('chat.path.prompt'), keyboard: [[button(t('chat.path.list'), eventsButton.path(code, 'list'))], [button(t('chat.path.walk_in'), eventsButton.path(code, 'walk_in'))]] };
    case 'letters':
      return {
        text: t('chat.letters.prompt'),
        keyboard: [
          ...rows(
            question.letters.map((letter) => button(letter, eventsButton.letter(code, letter))),
            6,
          ),
          ...tail(question.purpose),
        ],
      };
    case 'organisations': {
      const { list } = question;
      const text =
        question.query !== null
          ? t('chat.organisations.query', { query: question.query, ...vars(list.page, list.pages) })
          : question.letter !== null
            ? t('chat.organisations.letter', { letter: question.letter, ...vars(list.page, list.pages) })
            : t('chat.organisations.all', vars(list.page, list.pages));
      const back = question.letter !== null || question.query !== null ? [[button(t('chat.buttons.letters'), eventsButton.back(code))]] : [];
      return {
        text,
        keyboard: [
          ...list.items.map((organisation) => [button(organisation.name, eventsButton.organisation(code, shortRef(organisation.id)))]),
          ...pager(t, list.page, list.pages, (page) => eventsButton.page(code, page)),
          ...back,
          ...tail(question.purpose),
        ],
      };
    }
    case 'people': {
      const { list } = question;
      return {
        text: t('chat.people.prompt', { organisation: question.organisation.name, ...vars(list.page, list.pages) }),
        keyboard: [
          ...list.items.map((person) => [button(person.name, eventsButton.person(code, shortRef(person.id)))]),
          ...pager(t, list.page, list.pages, (page) => eventsButton.page(code, page)),
          [button(t('chat.buttons.letters'), eventsButton.back(code))],
          ...tail(question.purpose),
        ],
      };
    }
    case 'name':
    case 'organisation':
      return question.purpose === 'correct' ? { text: t(`chat.${question.kind}.prompt`), keyboard: tail('correct') } : { text: t(`chat.${question.kind}.prompt`) };
    case 'org_type':
      return {
        text: t('chat.org_type.prompt'),
        keyboard: [...WALK_IN_TYPES.map((type) => [button(t(`orgTypes.${type}`), eventsButton.orgType(code, type))]), ...(question.purpose === 'correct' ? tail('correct') : [])],
      };
    case 'region':
      return {
        text: t('chat.region.prompt'),
        keyboard: [
          ...rows(
            REGIONS.map((region) => button(t(`regions.${region}`), eventsButton.region(code, region))),
            3,
          ),
          [button(t('regions.national'), eventsButton.region(code, 'national')), button(t('regions.international'), eventsButton.region(code, 'international'))],
          ...(question.purpose === 'correct' ? tail('correct') : []),
        ],
      };
    case 'code':
      return { text: t('chat.ask_code') };
    case 'done':
      return { text: t('chat.refused.stale') };
  }
}

function cardLines(t: Translate, card: ParticipantCard): string[] {
  return [
    card.name === null ? t('chat.card.no_name') : t('chat.card.name', { name: card.name }),
    t('chat.card.organisation', { organisation: card.organisation, orgType: t(`orgTypes.${card.orgType}`) }),
    t('chat.card.region', { region: t(`regions.${card.region}`) }),
    t(card.invited ? 'chat.card.invited' : 'chat.card.walk_in'),
    card.days.length === 0 ? t('chat.card.no_days') : t('chat.card.days', { days: card.days.join(', ') }),
  ];
}

/** The participant's buttons under their data: check in, correct, leave, delete (only delete once they left). */
const cardKeyboard = (t: Translate, code: string, card: ParticipantCard): InlineKeyboardButton[][] =>
  card.left
    ? [[button(t('chat.buttons.erase'), eventsButton.erase(code, 'ask'))]]
    : [
        [button(t('chat.buttons.check_in'), eventsButton.checkIn(code)), button(t('chat.buttons.correct'), eventsButton.correct(code))],
        [button(t('chat.buttons.leave'), eventsButton.leave(code, 'ask')), button(t('chat.buttons.erase'), eventsButton.erase(code, 'ask'))],
      ];

/** What a participant's chat is shown, in the chat's language (`t` is bound to it and to the events namespace). */
export function chatView(t: Translate, answer: ChatAnswer): View {
  if (answer.kind === 'refused') {
    const event = answer.event ? eventName(answer.event, answer.language) : '';
    return { text: t(`chat.refused.${answer.reason}`, { event, minutes: ENTRANCE_WINDOW_MINUTES, starts: answer.event?.startsOn ?? '' }) };
  }
  const event = eventName(answer.event, answer.language);
  const code = answer.event.joinCode;
  switch (answer.kind) {
    case 'question': {
      const view = questionView(t, code, answer.question);
      const before = [...(answer.welcome ? [t('chat.welcome', { event })] : []), ...(answer.hint ? [t(`chat.hint.${answer.hint}`)] : [])];
      return { ...view, text: [...before, view.text].join('\n\n') };
    }
    case 'card': {
      const note = t(`chat.card.${answer.note}`, { event, organisation: answer.card.organisation });
      const after = answer.note === 'registered' || answer.note === 'rejoined' ? [t('chat.card.how_to_check_in')] : [];
      return { text: [note, cardLines(t, answer.card).join('\n'), ...after].join('\n\n'), keyboard: cardKeyboard(t, code, answer.card) };
    }
    case 'correct_menu': {
      const cancel = [button(t('chat.buttons.cancel'), eventsButton.correct(code, 'cancel'))];
      if (answer.invited) return { text: t('chat.correct.invited'), keyboard: [[button(t('chat.correct.invitation'), eventsButton.correct(code, 'invitation'))], cancel] };
      const fields = (['name', 'organisation', 'org_type', 'region'] as const).map((field) => button(t(`chat.correct.${field}`), eventsButton.correct(code, field)));
      return { text: t('chat.correct.walk_in'), keyboard: [...rows(fields, 2), cancel] };
    }
    case 'confirm': {
      const yes = answer.what === 'leave' ? button(t('chat.buttons.yes_leave'), eventsButton.leave(code, 'yes')) : button(t('chat.buttons.yes_erase'), eventsButton.erase(code, 'yes'));
      const no = button(t('chat.buttons.no'), answer.what === 'leave' ? eventsButton.leave(code, 'no') : eventsButton.erase(code, 'no'));
      return { text: t(`chat.confirm.${answer.what}`, { event }), keyboard: [[yes, no]] };
    }
    case 'erased':
      return { text: t('chat.erased', { event }) };
    case 'ask_code':
      return { text: t('chat.ask_code') };
    case 'checked_in':
      return { text: t(answer.already ? 'chat.already_checked_in' : 'chat.checked_in', { event, day: answer.day }) };
  }
}
