import { LANGUAGES, type Language, type Translate } from '../../i18n/index.js';
import { html, layout, type Html } from './html.js';
import { eventName, type EventSummary } from './organiser-events.js';
import type { Organiser } from './organiser-session.js';

/** Each language named in itself, as a language picker shows it. */
const selfName = (code: Language) => new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;

/** The bar on every signed-in page: home, the language picker and sign-out, both forms with the session's CSRF token. */
export function header(t: Translate, who: Organiser, back: string): Html {
  return html`<header class="bar">
<a class="brand" href="/organiser">Ura</a>
<span class="who">${t('nav.signed_in_as', { name: who.staff.pseudonym ?? t('nav.organiser') })}</span>
<form method="post" action="/organiser/language" class="inline">
<input type="hidden" name="_csrf" value="${who.csrfToken}">
<input type="hidden" name="back" value="${back}">
<label>${t('nav.language')} <select name="language">${LANGUAGES.map((code) => html`<option value="${code}"${code === who.language ? html` selected` : ''}>${selfName(code)}</option>`)}</select></label>
<button type="submit">${t('nav.change')}</button>
</form>
<form method="post" action="/organiser/signout" class="inline">
<input type="hidden" name="_csrf" value="${who.csrfToken}">
<button type="submit">${t('nav.signout')}</button>
</form>
</header>`;
}

export function eventsPage(t: Translate, who: Organiser, events: EventSummary[]): string {
  const rows = events.map(
    (event) =>
      html`<tr><td><a href="/organiser/events/${encodeURIComponent(event.id)}">${eventName(event, who.language)}</a></td><td>${event.startsOn}</td><td>${event.days}</td><td>${event.venue ?? '–'}</td><td><code>${event.joinCode}</code></td></tr>`,
  );
  const body = html`${header(t, who, '/organiser')}
<main>
<h1>${t('events.title')}</h1>
${
  events.length === 0
    ? html`<p>${t('events.none')}</p>`
    : html`<table><thead><tr><th>${t('events.name')}</th><th>${t('events.starts')}</th><th>${t('events.days')}</th><th>${t('events.venue')}</th><th>${t('events.join_code')}</th></tr></thead><tbody>${rows}</tbody></table>`
}
</main>`;
  return layout({ language: who.language, title: t('events.title'), body });
}

/** A page that explains a refusal or a dead end, with a way on. */
export function messagePage(t: Translate, language: Language, title: string, paragraphs: (string | Html)[], who?: Organiser): string {
  const body = html`${who ? header(t, who, '/organiser') : html`<header class="bar"><span class="brand">Ura</span></header>`}
<main class="narrow">
<h1>${title}</h1>
${paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}
</main>`;
  return layout({ language, title, body });
}

/** Opened from the bot's link: a button, so that a link preview or a prefetch never uses the link up. */
export function confirmSignInPage(t: Translate, language: Language, token: string): string {
  const body = html`<header class="bar"><span class="brand">Ura</span></header>
<main class="narrow">
<h1>${t('signin.title')}</h1>
<p>${t('signin.confirm')}</p>
<form method="post" action="/organiser/signin">
<input type="hidden" name="t" value="${token}">
<button type="submit" class="primary">${t('signin.button')}</button>
</form>
</main>`;
  return layout({ language, title: t('signin.title'), body });
}
