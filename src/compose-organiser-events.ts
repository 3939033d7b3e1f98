import { EventError, type Expectation, expecting, formatOf, joinLink, type Events, type RosterEntry, type RowProblem } from './events/index.js';
import type { RunSummary, SurveyRuns } from './surveys/index.js';
import type {
  EntranceCode,
  EvaluationDownload,
  EvaluationRequest,
  EvaluationRun,
  EventDetail,
  EventSummary,
  ImportProblem,
  InviteImport,
  OrganiserEvents,
  Registration,
} from './transport/http/organiser-events.js';

const summaryOf = (event: { id: string; names: Readonly<Record<string, string>>; startsOn: string; days: number; venue: string | null; joinCode: string }): EventSummary => ({
  id: event.id,
  names: event.names,
  startsOn: event.startsOn,
  days: event.days,
  venue: event.venue,
  joinCode: event.joinCode,
});

/**
 * A file the events area could not read at all, as a problem of the upload: the page
 * and the API list what was expected, so the reason is said as part of that.
 */
const unreadable = (fileName: string, expected: Expectation): ImportProblem => ({ row: 1, column: 'file', value: fileName, expected });

/**
 * Invitees by organisation, then name (one import stores its rows in no set order),
 * then walk-ins in the order they registered, as the roster gives them.
 */
const byOrganisationThenName = new Intl.Collator('sq', { sensitivity: 'base', numeric: true });
const listOrder = (a: RosterEntry, b: RosterEntry): number => {
  if (a.inviteeId === null || b.inviteeId === null) return Number(a.inviteeId === null) - Number(b.inviteeId === null);
  return byOrganisationThenName.compare(a.organisation, b.organisation) || byOrganisationThenName.compare(a.name ?? '', b.name ?? '');
};

/** Rows left out by skipInvalid: a row with two bad cells is one row skipped. */
const rowsOf = (problems: readonly RowProblem[]): number => new Set(problems.map((problem) => problem.row)).size;

/**
 * The events area as the organiser pages and the JSON API see it (their port): the
 * events' own use-cases, with the join link drawn from the bot's username once it is
 * known. `entranceCode` is the area's, when it has one. Like the `ura events` command,
 * an event is found by its id or its join code; what is shown carries its id.
 */
export function organiserEvents(deps: {
  events: Events;
  botUsername: () => string | undefined;
  entranceCode?: (eventId: string) => Promise<EntranceCode | undefined>;
  /** The evaluation reports; without it, no form is offered. */
  evaluation?: (eventId: string, request: EvaluationRequest) => Promise<EvaluationDownload>;
  /** The evaluation runs, the forms they may collect, and a run's link; without it, none is offered. */
  surveyRuns?: { runs: SurveyRuns; forms: readonly string[]; link: (code: string) => string | null };
}): OrganiserEvents {
  const { events } = deps;
  /** A run of this event, with its counts; another event's run is none (an organiser sees and closes only their own event's). */
  async function ownRun(eventId: string, runId: string): Promise<RunSummary | undefined> {
    const summary = await deps.surveyRuns?.runs.summary(runId);
    return summary?.run.scope === eventId ? summary : undefined;
  }
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
      const roster = (await events.roster(eventId)).sort(listOrder);
      // A walk-in who deleted their data has no name left to show; they stay only in the profile's counts.
      return roster.flatMap((entry) =>
        entry.name === null
          ? []
          : [
              {
                // The person's key: the same before and after an invitee registers.
                id: entry.personKey,
                name: entry.name,
                organisation: entry.organisation,
                orgType: entry.orgType,
                region: entry.region,
                invited: entry.inviteeId !== null,
                registeredAt: entry.registeredAt,
                checkedInAt: entry.firstPresentAt,
              },
            ],
      );
    },
    profile: (eventId, by) => events.profile(eventId, by),
    async importInvites(eventId, file, options): Promise<InviteImport> {
      const format = formatOf(file.name);
      if (!format) return { problems: [unreadable(file.name, expecting('file_kind'))] };
      const result = await events.importInvites(eventId, { format, bytes: file.bytes }, { skipInvalid: options.skipInvalid });
      if (result.kind === 'unreadable') return { problems: [unreadable(file.name, expecting('file_readable', { format: format.toUpperCase(), reason: result.problem }))] };
      if (result.kind === 'invalid') return { problems: result.problems };
      return { imported: result.rows, skipped: rowsOf(result.skipped) };
    },
    entranceCode: async (eventId) => deps.entranceCode?.(eventId),
    projector: (eventId) => events.projector(eventId),
    setNamesShown: (eventId, namesShown) => events.setNamesShown(eventId, namesShown),
    evaluation: async (eventId, request) => (deps.evaluation ? deps.evaluation(eventId, request) : { refused: 'unknown_form', forms: [] }),
    async surveyRuns(eventId) {
      if (!deps.surveyRuns) return { runs: [], forms: [] };
      const { runs, forms, link } = deps.surveyRuns;
      return { runs: ((await runs.list(eventId)) ?? []).map((summary) => runOf(summary, link)), forms: [...forms] };
    },
    async openSurveyRun(eventId, request) {
      if (!deps.surveyRuns || !deps.surveyRuns.forms.includes(request.form)) return { problems: [{ code: 'unknown_form', form: request.form }] };
      const { runs, link } = deps.surveyRuns;
      const opened = await runs.open({ flowId: request.form, event: eventId, ...(request.closesAt ? { closesAt: request.closesAt } : {}), remindAfter: request.remindAfter });
      if (opened.kind === 'invalid') return { problems: opened.problems };
      return { opened: runOf({ run: opened.run, open: true, counts: { invited: 0, started: 0, completed: 0 } }, link) };
    },
    async surveyRun(eventId, runId) {
      const own = await ownRun(eventId, runId);
      return own && deps.surveyRuns ? runOf(own, deps.surveyRuns.link) : undefined;
    },
    async closeSurveyRun(eventId, runId) {
      const own = await ownRun(eventId, runId);
      return own && deps.surveyRuns ? deps.surveyRuns.runs.close(own.run.id) : 'not_found';
    },
  };
}

/** A run as the pages show it: its times, its link and its counts. */
const runOf = ({ run, open, counts }: RunSummary, link: (code: string) => string | null): EvaluationRun => ({
  id: run.id,
  form: run.flowId,
  open,
  sendAt: run.sendAt,
  sentAt: run.sentAt,
  closesAt: run.closesAt,
  closedAt: run.closedAt,
  remindAfter: run.remindAfter,
  link: run.code === null ? null : link(run.code),
  counts,
});
