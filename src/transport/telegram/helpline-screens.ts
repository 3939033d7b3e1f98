import type { InlineKeyboardButton } from 'grammy/types';
import type { HelpCase } from '../../helpline/cases.js';
import type { Contact } from '../../helpline/contacts.js';
import { COUNTRY_CHOICES, servicesFor, type Directory } from '../../helpline/directory.js';
import { isRegion, REGIONS, type Region } from '../../shared/regions.js';
import { numbersText, withNumbers } from '../../helpline/numbers-text.js';
import type { Reach } from '../../helpline/reach.js';
import { LANGUAGES, type I18n } from '../../i18n/index.js';
import type { UraContext } from './context.js';
import { safetyRow, type View } from './flow-view.js';
import { helplineButton as button, MENU_ITEMS, SAFETY } from './helpline-buttons.js';
import { holdChoice, requestedText } from './person-request.js';
import { servicesText } from './services-view.js';
import { urgentView, type UrgentMessage } from './urgent-view.js';

/** What the screens need of an update: a private chat and its sender. */
export type Private = UraContext & { chat: { id: number }; from: { id: number } };

/**
 * The helpline's own screens (language, notice, safety, menu, country, services,
 * the urgent message) and the one way to send a message: with the safety buttons.
 */
export function helplineScreens(deps: { i18n: I18n; directory: Directory; retentionDays: number }) {
  const { i18n } = deps;
  const t = (ctx: UraContext) => i18n.forLanguage(ctx.lang, 'helpline');

  /** Sends a view (the helpline logs its id, as every message in the chat, for a quick exit). */
  async function send(ctx: Private, view: View): Promise<void> {
    await ctx.reply(view.text, { reply_markup: { inline_keyboard: view.keyboard } });
  }
  const say = (ctx: Private, text: string, keyboard: InlineKeyboardButton[][] = []) => send(ctx, { text, keyboard: [...keyboard, safetyRow(t(ctx))] });
  const choice = (text: string, data: string): InlineKeyboardButton[] => [{ text, callback_data: data }];

  async function showLanguages(ctx: Private) {
    const tr = t(ctx);
    const rows = LANGUAGES.map((language) => choice(`${language === ctx.lang ? '✓ ' : ''}${tr(`language.names.${language}`)}`, button.language(language)));
    ctx.session.inFlow = false;
    await say(ctx, tr('language.prompt'), rows);
  }

  async function showNotice(ctx: Private) {
    ctx.session.inFlow = false;
    await say(ctx, t(ctx)('notice.text', { days: deps.retentionDays }), [choice(t(ctx)('notice.ok'), button.notice)]);
  }

  async function showSafety(ctx: Private) {
    const tr = t(ctx);
    ctx.session.inFlow = false;
    await say(
      ctx,
      tr('safety.text'),
      SAFETY.map((answer) => choice(tr(`safety.${answer}`), button.safety(answer))),
    );
  }

  async function showMenu(ctx: Private) {
    const tr = t(ctx);
    ctx.session.inFlow = false;
    // Every item but `home`, which is the menu itself.
    await say(
      ctx,
      tr('menu.text'),
      MENU_ITEMS.filter((item) => item !== 'home').map((item) => choice(tr(`menu.${item}`), button.menu(item))),
    );
  }

  const regionOf = (contact: Contact): Region | undefined => (isRegion(contact.region) ? contact.region : undefined);

  /** Which country the person is in: asked with buttons, never guessed from location data. */
  async function askCountry(ctx: Private) {
    const tr = t(ctx);
    const rows: InlineKeyboardButton[][] = [];
    for (let i = 0; i < COUNTRY_CHOICES.length; i += 3) rows.push(COUNTRY_CHOICES.slice(i, i + 3).map((country) => ({ text: tr(`countries.${country}`), callback_data: button.country(country) })));
    await say(ctx, tr('country.prompt'), rows);
  }

  /**
   * The services of the person's country (asked first when unknown): in Albania the
   * national ones and those of the chosen county, saying so when the county has none.
   */
  async function showServices(ctx: Private, contact: Contact, audience?: 'child' | 'adult') {
    const tr = t(ctx);
    const country = ctx.session.country;
    if (country === undefined) return askCountry(ctx);
    const changeCountry = choice(tr('services.change_country'), button.countries);
    const menu = choice(tr('buttons.menu'), button.menu('home'));
    if (country === 'OTHER') return say(ctx, `${tr('services.other_country')}\n\n${numbersText(deps.directory, country, tr)}`, [changeCountry, menu]);
    const region = country === 'AL' ? regionOf(contact) : undefined;
    const entries = servicesFor(deps.directory, { country, ...(region ? { region } : {}), ...(audience ? { audience } : {}), language: ctx.lang });
    const local = region === undefined || entries.some((entry) => entry.regions.includes(region));
    const text = servicesText(entries, tr, deps.directory, country) + (local ? '' : `\n\n${tr('services.none_in_county', { county: tr(`regions.${region}`) })}`);
    await say(ctx, text, [...(country === 'AL' ? [choice(tr('services.change_region'), button.regions)] : []), changeCountry, menu]);
  }

  async function askRegion(ctx: Private) {
    const tr = t(ctx);
    const rows: InlineKeyboardButton[][] = [];
    for (let i = 0; i < REGIONS.length; i += 3) rows.push(REGIONS.slice(i, i + 3).map((region) => ({ text: tr(`regions.${region}`), callback_data: button.region(region) })));
    rows.push(choice(tr('services.national_only'), button.region(null)));
    await say(ctx, tr('services.region_prompt'), rows);
  }

  /** The urgent path's one message, for the country the person said they are in. */
  async function showUrgent(ctx: Private, message: Omit<UrgentMessage, 'country'>) {
    ctx.session.inFlow = false;
    await send(ctx, urgentView(deps.directory, i18n.forLanguage(ctx.lang), { ...message, country: ctx.session.country }));
  }

  /**
   * Nobody is on call: said honestly, with the numbers that answer now. Those of
   * `handoff:person.nobody` are Albania's: someone who said they are in another
   * country (the case keeps it) gets that country's instead.
   */
  function nobodyOnCall(ctx: Private, helpCase?: HelpCase): string {
    return withNumbers(deps.directory, helpCase?.country ?? ctx.session.country, i18n.forLanguage(ctx.lang), { albania: 'handoff:person.nobody', intro: 'handoff:person.nobody_urgent' });
  }

  /** A request for a person passed on (or the operator already in the chat), with the choice to be written to only after writing. */
  async function showRequested(ctx: Private, helpCase: HelpCase, reach: Reach) {
    if (reach === 'in_chat') return say(ctx, t(ctx)('handoff:person.in_chat'));
    return say(ctx, requestedText(t(ctx), helpCase, reach, nobodyOnCall(ctx, helpCase)), holdChoice(t(ctx)));
  }

  return { t, send, say, choice, showLanguages, showNotice, showSafety, showMenu, showServices, askRegion, askCountry, showUrgent, nobodyOnCall, showRequested };
}
