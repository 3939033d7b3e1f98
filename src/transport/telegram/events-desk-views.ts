import type { InlineKeyboardButton } from 'grammy/types';
import { type DeskAnswer, eventName, type ProfileCounts, type ProfileRow, shortRef } from '../../events/index.js';
import { wallClock } from '../../shared/zone.js';
import type { Translate } from '../../i18n/index.js';
import { eventsButton } from './events-buttons.js';
import { pager, type View } from './events-views.js';

const button = (text: string, data: string): InlineKeyboardButton => ({ text, callback_data: data });
const percent = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)}%`);

/** A text in the event's language for the organiser, else its main one. */
const inLanguage = (texts: Readonly<Record<string, string>>, language: string) => texts[language] ?? Object.values(texts)[0] ?? '';

const rowLabel = (t: Translate, row: ProfileRow) => ('orgType' in row ? t(`orgTypes.${row.orgType}`) : t(`regions.${row.region}`));

function profileLine(t: Translate, label: string, row: ProfileCounts): string {
  return t('desk.profile.row', {
    label,
    participants: row.participants,
    invited: row.invitedPersons,
    pctOfInvited: percent(row.pctOfInvited),
    participatingOrgs: row.participatingOrgs,
    invitedOrgs: row.invitedOrgs,
    pctOfParticipants: percent(row.pctOfParticipants),
  });
}

/** A time as the venue's clocks show it, HH:MM. */
function localTime(at: Date, timezone: string): string {
  const clock = wallClock(at, timezone);
  return `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`;
}

/** What the organiser's /event shows, in the organiser's language (`t` bound to it and to the events namespace). */
export function deskView(t: Translate, answer: DeskAnswer): View {
  if (answer.kind === 'refused') return { text: t(`desk.refused.${answer.reason}`, { event: 'event' in answer ? eventName(answer.event, answer.language) : '' }) };
  if (answer.kind === 'events') {
    return {
      text: t('desk.events'),
      keyboard: answer.events.map((event) => [button(`${eventName(event, answer.language)} · ${event.startsOn}`, eventsButton.desk(event.joinCode, { kind: 'overview' }))]),
    };
  }
  const { event, language } = answer;
  const name = eventName(event, language);
  const code = event.joinCode;
  const overview = [button(t('desk.buttons.overview'), eventsButton.desk(code, { kind: 'overview' }))];
  switch (answer.kind) {
    case 'overview': {
      const lines = [
        name,
        t('desk.overview.dates', { starts: event.startsOn, days: event.days }),
        ...(event.venue ? [t('desk.overview.venue', { venue: event.venue })] : []),
        t(event.status === 'open' ? 'desk.overview.open' : 'desk.overview.closed', { code }),
        t('desk.overview.registered', { count: answer.registered }),
        ...(answer.day !== undefined ? [t('desk.overview.today', { day: answer.day, present: answer.present })] : []),
        ...(answer.entrance ? [t('desk.overview.entrance', { code: answer.entrance.code, time: localTime(answer.entrance.changesAt, event.timezone) })] : []),
      ];
      return {
        text: lines.join('\n'),
        keyboard: [
          [button(t('desk.buttons.programme'), eventsButton.desk(code, { kind: 'programme' })), button(t('desk.buttons.people'), eventsButton.desk(code, { kind: 'people', page: 0 }))],
          [button(t('desk.buttons.check_in'), eventsButton.desk(code, { kind: 'check_in', page: 0 })), button(t('desk.buttons.profile'), eventsButton.desk(code, { kind: 'profile', by: 'org_type' }))],
        ],
      };
    }
    case 'programme': {
      const lines = answer.sessions.map(
        (session) =>
          `${t('desk.programme.day', { day: session.day })} · ${session.start}${session.end ? `–${session.end}` : ''} · ${inLanguage(session.title, language)} (${t(`sessionKinds.${session.kind}`)})`,
      );
      return { text: [t('desk.programme.title', { event: name }), ...(lines.length > 0 ? lines : [t('desk.programme.empty')])].join('\n'), keyboard: [overview] };
    }
    case 'people': {
      const { list } = answer;
      const lines = list.items.map((entry) => {
        const present = entry.days.length > 0 ? ` · ${t('desk.people.present', { days: entry.days.join(', ') })}` : '';
        return `${entry.name ?? '–'} · ${entry.organisation} · ${t(`orgTypes.${entry.orgType}`)}${present}`;
      });
      return {
        text: [t('desk.people.title', { event: name, total: answer.total, page: list.page + 1, pages: list.pages }), ...(lines.length > 0 ? lines : [t('desk.people.empty')])].join('\n'),
        keyboard: [...pager(t, list.page, list.pages, (page) => eventsButton.desk(code, { kind: 'people', page })), overview],
      };
    }
    case 'check_in': {
      const { list, day } = answer;
      const confirmed = answer.confirmed ? [t(answer.confirmed.already ? 'desk.check_in.already' : 'desk.check_in.confirmed', { name: answer.confirmed.name ?? t('desk.check_in.someone'), day })] : [];
      const title = list.items.length > 0 ? t('desk.check_in.title', { event: name, day, page: list.page + 1, pages: list.pages }) : t('desk.check_in.empty', { day });
      return {
        text: [...confirmed, title].join('\n\n'),
        keyboard: [
          ...list.items.flatMap((entry) =>
            entry.participantId === null ? [] : [[button(`${entry.name ?? '–'} · ${entry.organisation}`, eventsButton.confirm(code, shortRef(entry.participantId), list.page))]],
          ),
          ...pager(t, list.page, list.pages, (page) => eventsButton.desk(code, { kind: 'check_in', page })),
          overview,
        ],
      };
    }
    case 'profile': {
      const other = answer.by === 'org_type' ? 'region' : 'org_type';
      const lines = [...answer.profile.rows.map((row) => profileLine(t, rowLabel(t, row), row)), profileLine(t, t('profile.total'), answer.profile.total)];
      return {
        text: [t(`desk.profile.title_${answer.by}`, { event: name }), ...lines].join('\n'),
        keyboard: [[button(t(`desk.buttons.by_${other}`), eventsButton.desk(code, { kind: 'profile', by: other }))], overview],
      };
    }
  }
}
