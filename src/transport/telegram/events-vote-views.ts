import type { InlineKeyboardButton } from 'grammy/types';
import { eventName, type GroupResult, type ParticipationAnswer, type Poll, type PollResult, ratingMean, shareOf, shortRef, type Texts, type TopicLine, type Written } from '../../events/index.js';
import { DEFAULT_LANGUAGE, type I18n, isLanguage, type Translate } from '../../i18n/index.js';
import { voteButton } from './events-vote-buttons.js';
import type { View } from './events-views.js';

/** The namespace of these texts. */
export const VOTING_NAMESPACE = 'events.voting';
/** Telegram's limit for a message's text, less room for the last line. */
const TEXT_LIMIT = 4000;
/** How much of an action's or a topic's text a button shows. */
const BUTTON_TEXT = 32;

const button = (text: string, data: string): InlineKeyboardButton => ({ text, callback_data: data });
const inLanguage = (texts: Texts, language: string) => texts[language] ?? Object.values(texts)[0] ?? '';
const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);
const capped = (lines: string[]) => clip(lines.join('\n'), TEXT_LIMIT);
const percent = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)}%`);

/** A group's name: its counties or organisation types, as the events namespace writes them. */
const groupName = (t: Translate, groupBy: 'region' | 'org_type', values: readonly string[]) => values.map((value) => t(`events:${groupBy === 'region' ? 'regions' : 'orgTypes'}.${value}`)).join(', ');

function pollView(t: Translate, event: { joinCode: string }, language: string, poll: Poll, mine: number | undefined, note?: string): View {
  const code = event.joinCode;
  const options = poll.options.map((label, choice) => button(`${mine === choice ? '✓ ' : ''}${inLanguage(label, language)}`, voteButton.vote(code, shortRef(poll.id), choice)));
  const rows = poll.kind === 'single' ? options.map((option) => [option]) : [options];
  const lines = [
    ...(note ? [t(`poll.notes.${note}`), ''] : []),
    inLanguage(poll.question, language),
    t(`poll.hint.${poll.kind}`),
    ...(mine !== undefined ? [t('poll.mine', { choice: inLanguage(poll.options[mine] ?? {}, language) })] : []),
  ];
  return { text: capped(lines), keyboard: poll.status === 'open' ? rows : [] };
}

function pollLines(t: Translate, language: string, result: PollResult, n: number): string[] {
  const share = (count: number) => percent(shareOf(count, result.checkedIn));
  const mean = result.kind === 'rating' ? ratingMean(result) : null;
  return [
    t('desk.polls.line', { n, question: inLanguage(result.question, language), status: t(`desk.polls.status.${result.status}`) }),
    ...(result.status === 'draft'
      ? []
      : [
          t('desk.polls.voters', { voters: result.voters, checkedIn: result.checkedIn, share: share(result.voters) }),
          ...result.options.map((option) => t('desk.polls.option', { label: inLanguage(option.label, language), count: option.count, share: share(option.count) })),
          ...(mean !== null ? [t('desk.polls.mean', { mean: mean.toFixed(2) })] : []),
        ]),
  ];
}

function groupDeskLines(t: Translate, language: string, groupBy: 'region' | 'org_type', results: GroupResult[]): string[] {
  if (results.length === 0) return [t('desk.groups.empty')];
  return results.flatMap((group) => [
    '',
    t('desk.groups.group', { group: groupName(t, groupBy, group.values), voters: group.voters }),
    ...group.actions.map((action) => t('desk.groups.action', { mark: action.chosen ? '★' : '·', dots: action.dots, text: action.text })),
  ]);
}

function topicLines(t: Translate, topics: readonly TopicLine[], mark: boolean): string[] {
  const slots = [...new Set(topics.map((line) => line.topic.slot))].sort((a, b) => a - b);
  return slots.flatMap((slot) => [
    '',
    t('topics.slot', { slot }),
    ...topics
      .filter((line) => line.topic.slot === slot)
      .map((line) => {
        const vars = { title: line.topic.title, members: line.members, capacity: line.topic.capacity ?? 0 };
        return `${t(line.topic.capacity === null ? 'topics.line' : 'topics.line_capacity', vars)}${mark && line.mine ? t('topics.mine') : ''}`;
      }),
  ]);
}

/**
 * What group work, Open Space and polls show in a chat, in the answer's language (`t`
 * bound to it and to the events.voting namespace): one message, or one per open poll.
 */
export function participationViews(t: Translate, answer: ParticipationAnswer): View[] {
  if (answer.kind === 'refused') return [{ text: t(`refused.${answer.reason}`, { detail: answer.detail ?? '' }) }];
  const { event, language } = answer;
  const code = event.joinCode;
  const name = eventName(event, language);
  switch (answer.kind) {
    case 'poll':
      return [pollView(t, event, language, answer.poll, answer.mine, answer.note)];
    case 'open_polls':
      return answer.polls.map(({ poll, mine }) => pollView(t, event, language, poll, mine));
    case 'poll_desk': {
      const { changed } = answer;
      const numberOf = (pollId: string) => answer.polls.findIndex((result) => result.id === pollId) + 1;
      const head = changed ? [t(changed.to === 'open' ? 'desk.polls.opened' : 'desk.polls.closed', { n: numberOf(changed.pollId), sent: changed.sent }), ''] : [];
      const body = answer.polls.length === 0 ? [t('desk.polls.none')] : answer.polls.flatMap((result, i) => ['', ...pollLines(t, language, result, i + 1)]);
      const controls = answer.polls.flatMap((result, i) =>
        result.status === 'closed'
          ? []
          : [button(t(result.status === 'draft' ? 'desk.buttons.open' : 'desk.buttons.close', { n: i + 1 }), voteButton.poll(code, shortRef(result.id), result.status === 'draft' ? 'open' : 'close'))],
      );
      const refresh = answer.polls[0] ? [[button(t('desk.buttons.refresh'), voteButton.poll(code, shortRef(answer.polls[0].id), 'show'))]] : [];
      return [{ text: capped([...head, t('desk.polls.title', { event: name }), ...body]), keyboard: [...controls.map((control) => [control]), ...refresh] }];
    }
    case 'group': {
      const { work } = answer;
      const lines = answer.actions.map((action, i) =>
        work.status === 'collecting' ? t('group.action', { n: i + 1, text: action.text }) : t('group.action_mine', { n: i + 1, text: action.text, dots: action.mine }),
      );
      const keyboard =
        work.status === 'voting'
          ? answer.actions.map((action, i) => [
              button(`＋ ${i + 1}. ${clip(action.text, BUTTON_TEXT)}`, voteButton.dot(code, shortRef(action.id), '+')),
              ...(action.mine > 0 ? [button(`− ${i + 1}`, voteButton.dot(code, shortRef(action.id), '-'))] : []),
            ])
          : [];
      const text = [
        ...(answer.note ? [t(`group.notes.${answer.note}`), ''] : []),
        t('group.title', { group: groupName(t, work.groupBy, answer.values), event: name }),
        t(`group.${work.status}`, { dots: work.dots, used: answer.used }),
        '',
        ...(lines.length > 0 ? lines : [t('group.none')]),
      ];
      return [{ text: capped(text), keyboard }];
    }
    case 'group_desk': {
      const { work, changed } = answer;
      const head = [
        ...(changed ? [t(`desk.groups.changed.${changed.to}`, { sent: changed.sent }), ''] : []),
        ...(answer.topicsMade !== undefined ? [t('desk.groups.topics_made', { count: answer.topicsMade }), ''] : []),
      ];
      const status = work ? [t(`desk.groups.status.${work.status}`, { dots: work.dots, by: t(`desk.groups.by.${work.groupBy}`) })] : [t('desk.groups.none')];
      const next = !work || work.status === 'closed' ? 'start' : work.status === 'collecting' ? 'vote' : 'close';
      const keyboard = [
        [button(t(`desk.buttons.group_${next}`), voteButton.group(code, next))],
        ...(work?.status === 'closed' ? [[button(t('desk.buttons.group_topics'), voteButton.group(code, 'topics'))]] : []),
        ...(work ? [[button(t('desk.buttons.refresh'), voteButton.group(code, 'show'))]] : []),
      ];
      const results = work ? groupDeskLines(t, language, work.groupBy, answer.results) : [];
      return [{ text: capped([...head, t('desk.groups.title', { event: name }), ...status, ...results]), keyboard }];
    }
    case 'topics': {
      const note = answer.note ? [t(`topics.notes.${answer.note}`, { title: answer.topic?.title ?? '' }), ''] : [];
      const keyboard = answer.topics.map((line) => [
        button(
          t(line.mine ? 'topics.buttons.leave' : 'topics.buttons.join', { title: clip(line.topic.title, BUTTON_TEXT) }),
          voteButton.topic(code, shortRef(line.topic.id), line.mine ? 'leave' : 'join'),
        ),
      ]);
      return [{ text: capped([...note, t('topics.title', { event: name }), ...topicLines(t, answer.topics, true), '', t('topics.how')]), keyboard }];
    }
    case 'topic_desk': {
      if (answer.topics.length === 0) return [{ text: capped([t('desk.topics.title', { event: name }), t('desk.topics.none')]) }];
      const lines = answer.topics.flatMap((line) => [
        '',
        t('desk.topics.line', { slot: line.topic.slot, title: line.topic.title, members: line.members }),
        line.report ? t('desk.topics.report', { why: line.report.why, importance: line.report.importance, nextSteps: line.report.nextSteps }) : t('desk.topics.no_report'),
      ]);
      return [{ text: capped([t('desk.topics.title', { event: name }), ...lines]) }];
    }
    case 'report_prompt': {
      const current = answer.report ? ['', t('report.current'), t('desk.topics.report', { why: answer.report.why, importance: answer.report.importance, nextSteps: answer.report.nextSteps })] : [];
      return [{ text: capped([t('report.prompt', { title: answer.topic.title }), t('report.questions.why'), t('report.questions.importance'), t('report.questions.next_steps'), ...current]) }];
    }
  }
}

/** How the events area writes what it sends a participant through the outbox: the first message of the answer, in its language. */
export const participationWriter =
  (i18n: I18n) =>
  (answer: ParticipationAnswer): Written => {
    const [view] = participationViews(i18n.forLanguage(isLanguage(answer.language) ? answer.language : DEFAULT_LANGUAGE, VOTING_NAMESPACE), answer);
    return {
      text: view?.text ?? '',
      ...(view?.keyboard && view.keyboard.length > 0
        ? { keyboard: view.keyboard.map((row) => row.flatMap((b) => ('callback_data' in b && b.callback_data !== undefined ? [{ text: b.text, callback_data: b.callback_data }] : []))) }
        : {}),
    };
  };
