import { EventError, formatOf, joinLink, type Events, type RosterEntry } from './events/index.js';
import type { EntranceCode, EventDetail, EventSummary, InviteImport, OrganiserEvents, Registration } from './transport/http/organiser-events.js';

const summaryOf = (event: { id: string; names: Readonly<Record<string, string>>; startsOn: string; days: number; venue: string | null; joinCode: string }): EventSummary => ({
  id: event.id,
  names: event.names,
  startsOn: event.startsOn,
  days: event.days,
  venue: event.venue,
  joinCode: event.joinCode,
});

/** The first day a person was recorded present, as a time: the event's days are dates, so the start of that day. */
function checkedInAt(entry: RosterEntry, startsOn: string): Date | null {
  const first = entry.days[0];
  if (first === undefined) return null;
  const day = new Date(`${startsOn}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + first - 1);
  return day;
}

/**
 * The events area as the organiser pages and the JSON API see it (their port): the
 * events' own use-cases, with the join link drawn from the bot's username once it is
 * known. `entranceCode` is the area's, when it has one.
 */
export function organiserEvents(deps: { events: Events; botUsername: () => string | undefined; entranceCode?: (eventId: string) => Promise<EntranceCode | undefined> }): OrganiserEvents {
  const { events } = deps;
  const found = async (eventId: string) => {
    try {
      return await events.get(eventId);
    } catch (error) {
      if (error instanceof EventError && error.code === 'event_not_found') return undefined;
      throw error;
    }
  };
  return {
    async list(organiserId) {
      const all = organiserId === undefined ? await events.list() : await events.organisedBy(organiserId);
      return all.map(summaryOf);
    },
    async get(eventId): Promise<EventDetail | undefined> {
      const event = await found(eventId);
      if (!event) return undefined;
      const bot = deps.botUsername();
      return { ...summaryOf(event), organiserIds: await events.organisers(event.id), joinLink: bot ? joinLink(bot, event.joinCode) : null };
    },
    async registrations(eventId): Promise<Registration[]> {
      const event = await events.get(eventId);
      const roster = await events.roster(event.id);
      return roster
        .filter((entry) => entry.name !== null)
        .map((entry) => ({
          id: entry.participantId ?? entry.inviteeId ?? entry.personKey,
          name: entry.name ?? '',
          organisation: entry.organisation,
          orgType: entry.orgType,
          region: entry.region,
          invited: entry.inviteeId !== null,
          registeredAt: entry.registeredAt,
          checkedInAt: checkedInAt(entry, event.startsOn),
        }));
    },
    profile: (eventId, by) => events.profile(eventId, by),
    async importInvites(eventId, file, options): Promise<InviteImport> {
      const format = formatOf(file.name);
      if (!format) return { problems: [{ row: 1, column: 'file', value: file.name, expected: 'a .csv or .xlsx file' }] };
      const result = await events.importInvites(eventId, { format, bytes: file.bytes }, { skipInvalid: options.skipInvalid });
      if (result.kind === 'unreadable') return { problems: [{ row: 1, column: 'file', value: file.name, expected: result.problem }] };
      if (result.kind === 'invalid') return { problems: result.problems };
      return { imported: result.added + result.updated + result.unchanged, skipped: result.skipped.length };
    },
    entranceCode: async (eventId) => deps.entranceCode?.(eventId),
  };
}
