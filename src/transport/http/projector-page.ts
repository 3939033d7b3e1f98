import { CONTROL_REFUSALS, INVITE_REGIONS, ORG_TYPES } from '../../events/index.js';
import type { Language, Translate } from '../../i18n/index.js';
import { Html, html, layout } from './html.js';

/** Where the projector's stylesheet and script are served (public/projector/). */
export const PROJECTOR_ASSETS = '/projector/assets';

/** The texts the page's script shows, in each of the event's languages: the board is drawn in the browser, as it changes. */
const BOARD_KEYS = [
  'language',
  'connecting',
  'reconnecting',
  'round',
  'no_round',
  'paused',
  'ended',
  'tables',
  'table',
  'host',
  'seats',
  'no_tables',
  'themes',
  'theme_counts',
  'no_themes',
  'polls',
  'poll_open',
  'poll_closed',
  'voters',
  'no_polls',
  'groups',
  'no_groups',
  'group_voters',
  'action_dots',
  'chosen',
  'topics',
  'no_topics',
  'slot',
  'topic_members',
  'topic_members_of',
  // The groups' names: counties and organisation types, as the events area names them.
  ...INVITE_REGIONS.map((region) => `events:regions.${region}`),
  ...ORG_TYPES.map((orgType) => `events:orgTypes.${orgType}`),
  'control.open',
  'control.close',
  'control.done',
  'control.failed',
  ...CONTROL_REFUSALS.map((reason) => `control.refused.${reason}`),
] as const;

/** Each language named in itself, as a language switch shows it. */
const selfName = (code: string) => new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;

/**
 * The texts as a JSON data block: never run as a script (the Content-Security-Policy
 * allows no inline script, and a data block is none), read by projector.js. `<` is
 * escaped so that no text can close the element.
 */
function textsBlock(languages: readonly Language[], tr: (language: Language) => Translate): Html {
  const texts = Object.fromEntries(languages.map((language) => [language, Object.fromEntries(BOARD_KEYS.map((key) => [key, tr(language)(key)]))]));
  return html`<script type="application/json" id="projector-texts">${new Html(JSON.stringify(texts).replace(/</g, '\\u003c'))}</script>`;
}

const PROJECTOR_PAGE_ASSETS = { stylesheet: `${PROJECTOR_ASSETS}/projector.css`, script: `${PROJECTOR_ASSETS}/projector.js` };

/** The projector's frame: the shared layout with the projector's own assets, kept out of search engines (the page is public). */
const frame = (options: { language: Language; title: string; body: Html; script: boolean }): string => layout({ ...options, assets: PROJECTOR_PAGE_ASSETS, bodyClass: 'projector', noindex: true });

/** The board's frame: filled and kept up to date by projector.js from the stream. */
function board(t: Translate, languages: readonly Language[], language: Language): Html {
  return html`<header class="top">
<h1 id="event-name"></h1>
${
  languages.length > 1
    ? html`<nav id="languages" aria-label="${t('language')}">${languages.map((code) => html`<button type="button" data-language="${code}" lang="${code}"${code === language ? html` aria-pressed="true"` : html` aria-pressed="false"`}>${selfName(code)}</button>`)}</nav>`
    : ''
}
<p id="connection" role="status">${t('connecting')}</p>
</header>
<section id="round" aria-live="polite">
<p id="round-number"></p>
<p id="question"></p>
<p id="question-other"></p>
<p id="timer" class="timer" role="timer"></p>
</section>
<div class="panels">
<section id="tables"><h2 data-text="tables">${t('tables')}</h2><ol id="table-map"></ol></section>
<section id="themes"><h2 data-text="themes">${t('themes')}</h2><ol id="theme-list"></ol></section>
<section id="polls"><h2 data-text="polls">${t('polls')}</h2><div id="poll-list"></div></section>
<section id="groups"><h2 data-text="groups">${t('groups')}</h2><div id="group-list"></div></section>
<section id="topics"><h2 data-text="topics">${t('topics')}</h2><ol id="topic-list"></ol></section>
</div>`;
}

export interface ProjectorView {
  code: string;
  languages: readonly Language[];
  /** The language the board opens in (a button switches). */
  language: Language;
  tr: (language: Language) => Translate;
}

export function projectorPage(view: ProjectorView): string {
  const t = view.tr(view.language);
  const body = html`<main id="board" data-stream="/e/${view.code}/stream" data-language="${view.language}">
${board(t, view.languages, view.language)}
</main>
${textsBlock(view.languages, view.tr)}`;
  return frame({ language: view.language, title: t('title'), body, script: true });
}

/** What a press on the control view did, shown after a form posted without the page's script. */
export type ControlNotice = { ok: true } | { ok: false; reason: string } | undefined;

export interface ControlView extends ProjectorView {
  eventId: string;
  csrfToken: string;
  notice: ControlNotice;
}

const EXTEND_MINUTES = [2, 5] as const;

/** The board with the facilitator's buttons: forms that post with the session's CSRF token (the script sends them without leaving the page). */
export function controlPage(view: ControlView): string {
  const t = view.tr(view.language);
  const action = `/e/${view.code}/control`;
  const button = (name: string, label: string, fields: Html | string = '') =>
    html`<form method="post" action="${action}/${name}" class="inline" data-control><input type="hidden" name="_csrf" value="${view.csrfToken}">${fields}<button type="submit" data-action="${name}">${label}</button></form>`;
  const notice = view.notice ? html`<p class="${view.notice.ok ? 'ok' : 'problem'}">${view.notice.ok ? t('control.done') : t(`control.refused.${view.notice.reason}`)}</p>` : '';
  const body = html`<main id="board" class="control" data-stream="/e/${view.code}/stream" data-language="${view.language}" data-control="${action}" data-csrf="${view.csrfToken}">
${board(t, view.languages, view.language)}
<section id="controls">
<h2>${t('control.title')}</h2>
<p class="note">${t('control.note')}</p>
<div class="buttons" id="round-controls">
<strong>${t('control.round')}</strong>
${button('round_start', t('control.start'))}
${button('round_pause', t('control.pause'))}
${button('round_resume', t('control.resume'))}
${EXTEND_MINUTES.map((minutes) => button('round_extend', t('control.extend', { minutes }), html`<input type="hidden" name="minutes" value="${minutes}">`))}
${button('round_end', t('control.end'))}
</div>
<div id="control-result" role="status" aria-live="polite">${notice}</div>
<p><a href="/e/${view.code}" target="_blank" rel="noopener">${t('control.open_projector')}</a> · <a href="/organiser/events/${encodeURIComponent(view.eventId)}">${t('control.event_page')}</a></p>
</section>
</main>
${textsBlock(view.languages, view.tr)}`;
  return frame({ language: view.language, title: `${t('control.title')} · ${t('title')}`, body, script: true });
}

/** A refusal or a dead end (an unknown code, a page that is not the visitor's). */
export function projectorMessage(t: Translate, language: Language, title: string, text: string, extra?: Html): string {
  const body = html`<main class="message"><h1>${title}</h1><p>${text}</p>${extra ?? ''}</main>`;
  return frame({ language, title, body, script: false });
}
