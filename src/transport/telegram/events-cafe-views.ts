import type { InlineKeyboardButton } from 'grammy/types';
import { type CafeDeskAnswer, type CafeSessionState, eventName, remainingMs, shortRef } from '../../events/index.js';
import type { Translate } from '../../i18n/index.js';
import { wallClock } from '../../shared/zone.js';
import { cafeButton, EXTENSIONS } from './events-cafe-buttons.js';
import type { View } from './events-views.js';

const button = (text: string, data: string): InlineKeyboardButton => ({ text, callback_data: data });
const minutesOf = (ms: number | null) => Math.ceil((ms ?? 0) / 60_000);
const clockTime = (at: Date, timezone: string) => {
  const { hour, minute } = wallClock(at, timezone);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
};

type Desk = Extract<CafeDeskAnswer, { kind: 'desk' }>;

function sessionView(t: Translate, answer: Desk, state: CafeSessionState, language: string): { lines: string[]; keyboard: InlineKeyboardButton[][] } {
  const { event, now } = answer;
  const { session, rounds } = state;
  const title = session.title[language] ?? session.title[event.languages[0] ?? ''] ?? '';
  const lines = [t('desk.session', { title, rounds: session.rounds, minutes: session.roundMinutes })];
  const ref = shortRef(session.id);
  if (rounds.length === 0) return { lines: [...lines, t('desk.no_plan')], keyboard: [[button(t('buttons.plan'), cafeButton.plan(event.joinCode, ref))]] };
  lines.push(t('desk.seated', { people: state.people, tables: state.tables }));
  for (const round of rounds) {
    const left = minutesOf(remainingMs(round, now));
    lines.push(t(`desk.round.${round.status}`, { round: round.number, minutes: left, time: round.endsAt ? clockTime(round.endsAt, event.timezone) : '' }));
  }
  const current = rounds.find((round) => round.status !== 'ended');
  const control = (action: Parameters<typeof cafeButton.control>[3]) => cafeButton.control(event.joinCode, ref, current?.number ?? 1, action);
  const keyboard: InlineKeyboardButton[][] = [];
  const extend = EXTENSIONS.map((minutes) => button(t('buttons.extend', { minutes }), control({ kind: 'extend', minutes })));
  if (current?.status === 'planned')
    keyboard.push([button(t('buttons.start', { round: current.number }), control({ kind: 'start' }))], [button(t('buttons.plan'), cafeButton.plan(event.joinCode, ref))]);
  if (current?.status === 'running')
    keyboard.push([button(t('buttons.pause'), control({ kind: 'pause' })), ...extend], [button(t('buttons.end', { round: current.number }), control({ kind: 'end' }))]);
  if (current?.status === 'paused')
    keyboard.push([button(t('buttons.resume'), control({ kind: 'resume' })), ...extend], [button(t('buttons.end', { round: current.number }), control({ kind: 'end' }))]);
  return { lines, keyboard };
}

/** The facilitator's café desk, or why not. */
export function cafeDeskView(t: Translate, answer: CafeDeskAnswer): View {
  if (answer.kind === 'refused') return { text: t(`refused.${answer.reason}`) };
  const parts = answer.sessions.map((state) => sessionView(t, answer, state, answer.language));
  const head = [t('desk.title', { event: eventName(answer.event, answer.language) }), ...(answer.planned ? [t('desk.planned', answer.planned)] : [])];
  return {
    text: [head.join('\n'), ...parts.map((part) => part.lines.join('\n'))].join('\n\n'),
    keyboard: [...parts.flatMap((part) => part.keyboard), [button(t('buttons.refresh'), cafeButton.view(answer.event.joinCode))]],
  };
}
