import { sayExpected } from '../../events/index.js';
import type { Language, Translate } from '../../i18n/index.js';
import { html, layout, type Html } from './html.js';
import {
  eventName,
  profileGroup,
  type EntranceCode,
  type EvaluationRun,
  type EventDetail,
  type ImportProblem,
  type InviteImport,
  type Profile,
  type ProfileCounts,
  type ProjectorSetting,
  type Registration,
} from './organiser-events.js';
import type { Organiser } from './organiser-session.js';
import { header } from './organiser-views.js';
import { UPLOAD_LIMIT_MB } from './invite-upload.js';
import { runsSection } from './runs-section.js';

/** What the live part of an event's page shows; fetched again every few seconds. */
export interface EventLive {
  registrations: Registration[];
  byType: Profile;
  byRegion: Profile;
  entrance: EntranceCode | undefined;
  now: Date;
}

const COLUMNS = ['invitedPersons', 'invitedOrgs', 'participants', 'participatingOrgs', 'pctOfInvited', 'pctOfParticipants'] as const;

const timeOf = (at: Date, language: Language, timeZone: string) => new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
const percent = (value: number | null, language: Language) => (value === null ? '–' : new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value));
const label = (t: Translate, group: 'org_type' | 'region', code: string) => t(`${group}.${code}`, { defaultValue: code });

function counts(values: ProfileCounts, language: Language): Html {
  return html`${COLUMNS.map((column) => html`<td class="num">${column.startsWith('pct') ? percent(values[column], language) : values[column]}</td>`)}`;
}

function profileTable(t: Translate, language: Language, profile: Profile, group: 'org_type' | 'region', caption: string): Html {
  return html`<table class="profile" data-profile="${group}">
<caption>${caption}</caption>
<thead><tr><th>${t(group === 'org_type' ? 'event.org_type' : 'event.region')}</th>${COLUMNS.map((column) => html`<th class="num">${t(`profile.${column}`)}</th>`)}</tr></thead>
<tbody>${profile.rows.map((row) => html`<tr><th scope="row">${label(t, group, profileGroup(row))}</th>${counts(row, language)}</tr>`)}</tbody>
<tfoot><tr><th scope="row">${t('profile.total')}</th>${counts(profile.total, language)}</tr></tfoot>
</table>`;
}

function registrationsTable(t: Translate, language: Language, timeZone: string, registrations: Registration[]): Html {
  const present = registrations.filter((registration) => registration.registeredAt !== null || registration.checkedInAt !== null);
  if (present.length === 0) return html`<p>${t('event.none')}</p>`;
  // Latest first: what just happened is at the top.
  const latest = (registration: Registration) => Math.max(registration.checkedInAt?.getTime() ?? 0, registration.registeredAt?.getTime() ?? 0);
  const rows = [...present].sort((a, b) => latest(b) - latest(a));
  return html`<table class="registrations">
<thead><tr><th>${t('event.name')}</th><th>${t('event.organisation')}</th><th>${t('event.org_type')}</th><th>${t('event.region')}</th><th>${t('event.registered')}</th><th>${t('event.checked_in')}</th></tr></thead>
<tbody>${rows.map(
    (registration) =>
      html`<tr><td>${registration.name}${registration.invited ? '' : html` <span class="tag">${t('event.walk_in')}</span>`}</td><td>${registration.organisation}</td><td>${label(t, 'org_type', registration.orgType)}</td><td>${label(t, 'region', registration.region)}</td><td>${registration.registeredAt ? timeOf(registration.registeredAt, language, timeZone) : '–'}</td><td>${registration.checkedInAt ? timeOf(registration.checkedInAt, language, timeZone) : '–'}</td></tr>`,
  )}</tbody>
</table>`;
}

/** The part of the page that changes as people register and check in: served alone to the page's script. */
export function liveFragment(t: Translate, language: Language, timeZone: string, live: EventLive): Html {
  const registered = live.registrations.filter((registration) => registration.registeredAt !== null).length;
  const checkedIn = live.registrations.filter((registration) => registration.checkedInAt !== null).length;
  return html`<section class="entrance">
<h2>${t('event.entrance')}</h2>
${live.entrance ? html`<p class="code" data-entrance-code>${live.entrance.code}</p><p>${t('event.entrance_valid', { time: timeOf(live.entrance.validUntil, language, timeZone) })}</p>` : html`<p>${t('event.entrance_none')}</p>`}
</section>
<section>
<h2>${t('event.registrations')}</h2>
<p><strong>${t('event.counts', { registered, checkedIn })}</strong> · ${t('event.updated', { time: timeOf(live.now, language, timeZone) })}</p>
${registrationsTable(t, language, timeZone, live.registrations)}
</section>
<section>
<h2>${t('profile.title')}</h2>
${profileTable(t, language, live.byType, 'org_type', t('profile.by_type'))}
${profileTable(t, language, live.byRegion, 'region', t('profile.by_region'))}
</section>`;
}

/** What an upload did: how many were imported, or every problem of the file (nothing imported). */
export function uploadResult(t: Translate, result: InviteImport | 'empty' | 'too_large' | 'signed_out'): Html {
  if (result === 'empty') return html`<p class="problem">${t('upload.empty')}</p>`;
  if (result === 'too_large') return html`<p class="problem">${t('upload.too_large', { mb: UPLOAD_LIMIT_MB })}</p>`;
  if (result === 'signed_out') return html`<p class="problem">${t('upload.signed_out')}</p>`;
  if ('imported' in result) {
    return html`<p class="ok" data-imported="${result.imported}">${t('upload.imported', { count: result.imported })}${result.skipped > 0 ? html` ${t('upload.skipped', { count: result.skipped })}` : ''}</p>`;
  }
  const row = (problem: ImportProblem) =>
    html`<tr><td class="num">${problem.row}</td><td>${problem.column}</td><td><code>${problem.value}</code></td><td>${sayExpected(problem.expected, (key, values) => t(`events:${key}`, values))}</td></tr>`;
  return html`<p class="problem">${t('upload.problems', { count: result.problems.length })}</p>
<table class="problems"><thead><tr><th>${t('upload.row')}</th><th>${t('upload.column')}</th><th>${t('upload.value')}</th><th>${t('upload.expected')}</th></tr></thead><tbody>${result.problems.map(row)}</tbody></table>`;
}

/** The projector page's address, its control view, and whether it shows first names at tables (a form with the session's CSRF token). */
function projectorSection(t: Translate, who: Organiser, path: string, projector: ProjectorSetting): Html {
  const page = `/e/${projector.publicCode}`;
  const choice = (value: boolean, label: string) =>
    html`<label class="check"><input type="radio" name="namesShown" value="${String(value)}"${projector.namesShown === value ? html` checked` : ''}> ${label}</label>`;
  return html`<section class="projector">
<h2>${t('projector.title')}</h2>
<p>${t('projector.help')}</p>
<p><a href="${page}" target="_blank" rel="noopener" data-projector>${t('projector.open')}</a> · <a href="${page}/control" data-projector-control>${t('projector.control')}</a></p>
<form method="post" action="${path}/projector">
<input type="hidden" name="_csrf" value="${who.csrfToken}">
<fieldset><legend>${t('projector.names')}</legend>${choice(true, t('projector.names_first'))}${choice(false, t('projector.names_numbers'))}</fieldset>
<button type="submit">${t('projector.save')}</button>
</form>
</section>`;
}

/** The evaluation report of the event's answers: read it, print it, or take its numbers to a spreadsheet. */
function evaluationSection(t: Translate, language: string, path: string): Html {
  const link = (format: string, label: string, lang = language === 'sq' ? 'sq,en' : `${language},sq`) =>
    html`<a href="${path}/evaluation?format=${format}&amp;lang=${lang}" data-evaluation="${format}">${label}</a>`;
  return html`<section class="evaluation">
<h2>${t('evaluation.title')}</h2>
<p>${t('evaluation.help')}</p>
<p>${link('html', t('evaluation.html'))} · ${link('pdf', t('evaluation.pdf'))} · ${link('xlsx', t('evaluation.xlsx'))} · ${link('csv', t('evaluation.csv'))}</p>
</section>`;
}

export function eventPage(
  t: Translate,
  who: Organiser,
  event: EventDetail,
  live: EventLive,
  timeZone: string,
  projector: ProjectorSetting,
  runs: { runs: readonly EvaluationRun[]; forms: readonly string[] },
): string {
  const { language } = who;
  const path = `/organiser/events/${encodeURIComponent(event.id)}`;
  const body = html`${header(t, who, path)}
<main data-live="${path}/live" data-csrf="${who.csrfToken}">
<h1>${eventName(event, language)}</h1>
<p class="meta">${event.startsOn} · ${event.venue ?? ''} · ${t('event.join_code', { code: event.joinCode })}</p>
<noscript><p class="note">${t('event.noscript')}</p></noscript>
<div class="columns">
<section class="qr">
<h2>${t('event.qr')}</h2>
${event.joinLink ? html`<img src="${path}/qr.svg" alt="${t('event.qr_alt')}" width="240" height="240"><p class="link">${event.joinLink}</p>` : html`<p>${t('event.qr_none')}</p>`}
</section>
<section class="upload">
<h2>${t('upload.title')}</h2>
<p>${t('upload.help')}</p>
<form id="invite-upload" action="${path}/invites" method="post">
<label>${t('upload.file')} <input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label>
<label class="check"><input type="checkbox" name="skipInvalid" value="true"> ${t('upload.skip_invalid')}</label>
<button type="submit" class="primary" data-sending="${t('upload.sending')}" data-failed="${t('upload.failed')}">${t('upload.button')}</button>
</form>
<div id="upload-result" role="status" aria-live="polite"></div>
</section>
${projectorSection(t, who, path, projector)}
${evaluationSection(t, language, path)}
</div>
${runsSection(t, who, path, timeZone, runs)}
<div id="live" aria-live="polite">${liveFragment(t, language, timeZone, live)}</div>
<p class="note">${t('event.live_note')}</p>
</main>`;
  return layout({ language, title: eventName(event, language), body, script: true });
}
