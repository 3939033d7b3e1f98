import { INVITE_REGIONS, ORG_TYPES, participantProfile, type InviteRegion, type OrgType, type ProfilePerson } from '../../src/events/index.js';
import type { EvaluationRun, EventDetail, ImportProblem, OrganiserEvents, Profile, ProfileBy, ProjectorSetting, Registration } from '../../src/transport/http/organiser-events.js';

/**
 * An in-memory stand-in for the events area behind the organiser pages' port, for the
 * pages' unit tests (the integration and browser tests run on the events area): events, their invitations and registrations,
 * a CSV invite import that validates every row (and imports nothing on a bad one),
 * and the participant profile computed from them. Only what the web tests need.
 */

const isOrgType = (value: string): value is OrgType => (ORG_TYPES as readonly string[]).includes(value);
const isRegion = (value: string): value is InviteRegion => (INVITE_REGIONS as readonly string[]).includes(value);
const COLUMNS = ['name', 'organisation', 'org_type', 'region'] as const;

/** The forms the fake opens runs of. */
const RUN_FORMS: readonly string[] = ['surveys/event-evaluation', 'surveys/training-evaluation'];

const orgKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

export interface FakeOrganiserEvents extends OrganiserEvents {
  add(event: Omit<EventDetail, 'names' | 'startsOn' | 'days' | 'venue' | 'joinCode' | 'joinLink'> & Partial<EventDetail>): EventDetail;
  /** A participant registers (and checks in, when `checkedInAt` is given). */
  register(eventId: string, person: Omit<Registration, 'id'>): Registration;
  imports: { eventId: string; name: string; bytes: number }[];
  /** Each event's projector setting, by event id. */
  projectors: Map<string, ProjectorSetting>;
}

export function fakeOrganiserEvents(): FakeOrganiserEvents {
  const events = new Map<string, EventDetail>();
  const people = new Map<string, Registration[]>();
  const imports: FakeOrganiserEvents['imports'] = [];
  const projectors = new Map<string, ProjectorSetting>();
  const runs = new Map<string, EvaluationRun[]>();
  const projectorOf = (eventId: string): ProjectorSetting => {
    const setting = projectors.get(eventId) ?? { publicCode: `pc-${eventId}-0123456789abcdef`.slice(0, 22), namesShown: true };
    projectors.set(eventId, setting);
    return setting;
  };
  let nextId = 1;
  const of = (eventId: string) => people.get(eventId) ?? [];

  function validate(text: string): { rows: Registration[]; problems: ImportProblem[] } {
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = (lines[0] ?? '').split(',').map((cell) => cell.trim());
    const problems: ImportProblem[] = [];
    for (const column of COLUMNS) if (!header.includes(column)) problems.push({ row: 1, column, value: '', expected: { code: 'column_named', values: { column, columns: COLUMNS.join(', ') } } });
    const rows: Registration[] = [];
    lines.slice(1).forEach((line, index) => {
      if (line.trim() === '') return;
      const cells = line.split(',').map((cell) => cell.trim());
      const value = (column: string) => cells[header.indexOf(column)] ?? '';
      const row = index + 2;
      const before = problems.length;
      if (value('name') === '') problems.push({ row, column: 'name', value: '', expected: { code: 'name' } });
      if (value('organisation') === '') problems.push({ row, column: 'organisation', value: '', expected: { code: 'organisation' } });
      const orgType = value('org_type');
      const region = value('region');
      if (!isOrgType(orgType)) problems.push({ row, column: 'org_type', value: value('org_type'), expected: { code: 'org_type', values: { types: ORG_TYPES.join(', ') } } });
      if (!isRegion(region)) problems.push({ row, column: 'region', value: value('region'), expected: { code: 'region', values: { counties: INVITE_REGIONS.slice(0, 12).join(', ') } } });
      if (problems.length === before && isOrgType(orgType) && isRegion(region)) {
        rows.push({
          id: `r${nextId++}`,
          name: value('name'),
          organisation: value('organisation'),
          orgType,
          region,
          invited: true,
          registeredAt: null,
          checkedInAt: null,
        });
      }
    });
    return { rows, problems };
  }

  /** The area's own counting over the fake's registrations: the pages show what the area computes. */
  function profile(eventId: string, by: ProfileBy): Profile {
    const personOf = (person: Registration): ProfilePerson => ({ key: person.id, organisationKey: orgKey(person.organisation), orgType: person.orgType, region: person.region });
    const all = of(eventId);
    return participantProfile({ invited: all.filter((person) => person.invited).map(personOf), attended: all.filter((person) => person.checkedInAt !== null).map(personOf) }, by);
  }

  return {
    imports,
    projectors,
    add(event) {
      const detail: EventDetail = {
        names: { sq: 'Konferenca', en: 'Conference' },
        startsOn: '2026-11-20',
        days: 2,
        venue: 'Tiranë',
        joinCode: 'CONF26',
        joinLink: 'https://t.me/ura_test_bot?start=ev_CONF26',
        ...event,
      };
      events.set(detail.id, detail);
      return detail;
    },
    register(eventId, person) {
      const registration = { id: `r${nextId++}`, ...person };
      people.set(eventId, [...of(eventId), registration]);
      return registration;
    },
    list: async (organiserId) => [...events.values()].filter((event) => organiserId === undefined || event.organiserIds.includes(organiserId)).map(({ organiserIds, joinLink, ...summary }) => summary),
    get: async (eventId) => events.get(eventId),
    registrations: async (eventId) => of(eventId),
    profile: async (eventId, by) => profile(eventId, by),
    async importInvites(eventId, file, options) {
      imports.push({ eventId, name: file.name, bytes: file.bytes.length });
      const { rows, problems } = validate(Buffer.from(file.bytes).toString('utf8'));
      if (problems.length > 0 && !options.skipInvalid) return { problems };
      people.set(eventId, [...of(eventId), ...rows]);
      return { imported: rows.length, skipped: new Set(problems.map((problem) => problem.row)).size };
    },
    entranceCode: async (eventId) => (events.has(eventId) ? { code: '4821', validUntil: new Date('2026-11-20T09:15:00Z') } : undefined),
    projector: async (eventId) => projectorOf(eventId),
    setNamesShown: async (eventId, namesShown) => void projectors.set(eventId, { ...projectorOf(eventId), namesShown }),
    // A stand-in for the report: which event, form, format and languages were asked for.
    evaluation: async (eventId, { form, format, languages }) =>
      form === 'surveys/event-evaluation'
        ? {
            files: [
              {
                name: `evaluation.${format}`,
                contentType: format === 'html' ? 'text/html; charset=utf-8' : 'application/octet-stream',
                body: `evaluation of ${eventId} (${form}, ${format}, ${languages.join(',')})`,
              },
            ],
          }
        : { refused: 'unknown_form', forms: ['surveys/event-evaluation'] },
    // Runs kept in memory, newest first; the surveys area's own checks are tested with it (test/integration/organiser-runs.int.test.ts).
    surveyRuns: async (eventId) => ({ runs: runs.get(eventId) ?? [], forms: [...RUN_FORMS] }),
    surveyRun: async (eventId, runId) => runs.get(eventId)?.find((one) => one.id === runId),
    async openSurveyRun(eventId, request) {
      if (!RUN_FORMS.includes(request.form)) return { problems: [{ code: 'unknown_form', form: request.form }] };
      if (request.remindAfter !== null && (request.remindAfter < 1 || request.remindAfter > 10_080)) return { problems: [{ code: 'remind_range', minutes: request.remindAfter, max: 10_080 }] };
      const run: EvaluationRun = {
        id: `run${nextId++}`,
        form: request.form,
        open: true,
        sendAt: new Date('2026-11-21T15:00:00Z'),
        sentAt: null,
        closesAt: request.closesAt,
        closedAt: null,
        remindAfter: request.remindAfter,
        link: 'https://t.me/ura_test_bot?start=sv_K7M3PQ',
        counts: { invited: 0, started: 0, completed: 0 },
      };
      runs.set(eventId, [run, ...(runs.get(eventId) ?? [])]);
      return { opened: run };
    },
    async closeSurveyRun(eventId, runId) {
      const run = runs.get(eventId)?.find((one) => one.id === runId);
      if (!run) return 'not_found';
      if (!run.open) return 'already_closed';
      runs.set(
        eventId,
        (runs.get(eventId) ?? []).map((one) => (one.id === runId ? { ...one, open: false, closedAt: new Date('2026-11-21T16:00:00Z') } : one)),
      );
      return 'closed';
    },
  };
}
