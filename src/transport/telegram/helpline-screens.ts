import type { InlineKeyboardButton } from 'grammy/types';
import type { Contact } from '../../helpline/contacts.js';
import { isRegion, REGIONS, servicesFor, type Directory, type Region } from '../../helpline/directory.js';
import type { MessageLog } from '../../helpline/message-log.js';
import { LANGUAGES, type I18n } from '../../i18n/index.js';
import type { Clock } from '../../shared/clock.js';
import { button, MENU_ITEMS, SAFETY } from './callback-data.js';
import type { UraContext } from './context.js';
import { safetyRow, type View } from './flow-view.js';
import { servicesText } from './services-view.js';

/** What the screens need of an update: a private chat and its sender. */
export type Private = UraContext & { chat: { id: number }; from: { id: number } };

/**
 * The helpline's own screens (language, notice, safety, menu, services) and the
 * one way to send a message: with the safety buttons, its id logged for a quick exit.
 */
export function helplineScreens(deps: { i18n: I18n; messages: MessageLog; clock: Clock; directory: Directory; retentionDays: number }) {
  const { i18n, messages, clock } = deps;
  const t = (ctx: UraContext) => i18n.forLanguage(ctx.lang, 'helpline');

  /** Sends a view and remembers its id, so that a quick exit can delete it. */
  async function send(ctx: Private, contact: Contact, view: View): Promise<void> {
    const sent = await ctx.reply(view.text, { reply_markup: { inline_keyboard: view.keyboard } });
    await messages.record(contact.id, [sent.message_id], clock.now());
  }
  const say = (ctx: Private, contact: Contact, text: string, keyboard: InlineKeyboardButton[][] = []) =>
    send(ctx, contact, { text, keyboard: [...keyboard, safetyRow(t(ctx))] });
  const choice = (text: string, data: string): InlineKeyboardButton[] => [{ text, callback_data: data }];

  async function showLanguages(ctx: Private, contact: Contact) {
    const tr = t(ctx);
    const rows = LANGUAGES.map((language) => choice(`${language === ctx.lang ? '✓ ' : ''}${tr(`language.names.${language}`)}`, button.language(language)));
    ctx.session.inFlow = false;
    await say(ctx, contact, tr('language.prompt'), rows);
  }

  async function showNotice(ctx: Private, contact: Contact) {
    ctx.session.inFlow = false;
    await say(ctx, contact, t(ctx)('notice.text', { days: deps.retentionDays }), [choice(t(ctx)('notice.ok'), button.notice)]);
  }

  async function showSafety(ctx: Private, contact: Contact) {
    const tr = t(ctx);
    ctx.session.inFlow = false;
    await say(ctx, contact, tr('safety.text'), SAFETY.map((answer) => choice(tr(`safety.${answer}`), button.safety(answer))));
  }

  async function showMenu(ctx: Private, contact: Contact) {
    const tr = t(ctx);
    ctx.session.inFlow = false;
    // Every item but `home`, which is the menu itself.
    await say(ctx, contact, tr('menu.text'), MENU_ITEMS.filter((item) => item !== 'home').map((item) => choice(tr(`menu.${item}`), button.menu(item))));
  }

  const regionOf = (contact: Contact): Region | undefined => (isRegion(contact.region) ? contact.region : undefined);

  /** National services always; those of the person's county when they chose one. */
  async function showServices(ctx: Private, contact: Contact, audience?: 'child' | 'adult') {
    const tr = t(ctx);
    const region = regionOf(contact);
    const entries = servicesFor(deps.directory, { ...(region ? { region } : {}), ...(audience ? { audience } : {}), language: ctx.lang });
    await say(ctx, contact, servicesText(entries, tr), [choice(tr('services.change_region'), button.regions), choice(tr('buttons.menu'), button.menu('home'))]);
  }

  async function askRegion(ctx: Private, contact: Contact) {
    const tr = t(ctx);
    const rows: InlineKeyboardButton[][] = [];
    for (let i = 0; i < REGIONS.length; i += 3) rows.push(REGIONS.slice(i, i + 3).map((region) => ({ text: tr(`regions.${region}`), callback_data: button.region(region) })));
    rows.push(choice(tr('services.national_only'), button.region(null)));
    await say(ctx, contact, tr('services.region_prompt'), rows);
  }


  return { t, send, say, choice, showLanguages, showNotice, showSafety, showMenu, showServices, askRegion };
}
