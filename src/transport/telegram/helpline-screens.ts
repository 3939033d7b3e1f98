import type { InlineKeyboardButton } from 'grammy/types';
import type { Contact } from '../../helpline/contacts.js';
import { isRegion, REGIONS, servicesFor, type Directory, type Region } from '../../helpline/directory.js';
import { LANGUAGES, type I18n } from '../../i18n/index.js';
import { button, MENU_ITEMS, SAFETY } from './callback-data.js';
import type { UraContext } from './context.js';
import { safetyRow, type View } from './flow-view.js';
import { servicesText } from './services-view.js';

/** What the screens need of an update: a private chat and its sender. */
export type Private = UraContext & { chat: { id: number }; from: { id: number } };

/**
 * The helpline's own screens (language, notice, safety, menu, services) and the
 * one way to send a message: with the safety buttons.
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
    await say(ctx, tr('safety.text'), SAFETY.map((answer) => choice(tr(`safety.${answer}`), button.safety(answer))));
  }

  async function showMenu(ctx: Private) {
    const tr = t(ctx);
    ctx.session.inFlow = false;
    // Every item but `home`, which is the menu itself.
    await say(ctx, tr('menu.text'), MENU_ITEMS.filter((item) => item !== 'home').map((item) => choice(tr(`menu.${item}`), button.menu(item))));
  }

  const regionOf = (contact: Contact): Region | undefined => (isRegion(contact.region) ? contact.region : undefined);

  /** National services always; those of the person's county when they chose one. */
  async function showServices(ctx: Private, contact: Contact, audience?: 'child' | 'adult') {
    const tr = t(ctx);
    const region = regionOf(contact);
    const entries = servicesFor(deps.directory, { ...(region ? { region } : {}), ...(audience ? { audience } : {}), language: ctx.lang });
    await say(ctx, servicesText(entries, tr), [choice(tr('services.change_region'), button.regions), choice(tr('buttons.menu'), button.menu('home'))]);
  }

  async function askRegion(ctx: Private) {
    const tr = t(ctx);
    const rows: InlineKeyboardButton[][] = [];
    for (let i = 0; i < REGIONS.length; i += 3) rows.push(REGIONS.slice(i, i + 3).map((region) => ({ text: tr(`regions.${region}`), callback_data: button.region(region) })));
    rows.push(choice(tr('services.national_only'), button.region(null)));
    await say(ctx, tr('services.region_prompt'), rows);
  }


  return { t, send, say, choice, showLanguages, showNotice, showSafety, showMenu, showServices, askRegion };
}
