import { Composer } from 'grammy';
import type { FlowInput } from '../../flows/engine.js';
import type { Handoff } from '../../handoff/handoff.js';
import type { Paging } from '../../handoff/paging.js';
import type { HelpCase } from '../../helpline/cases.js';
import { flowNamespace } from '../../flows/schema.js';
import type { Contact, Contacts } from '../../helpline/contacts.js';
import { isRegion, type Directory } from '../../helpline/directory.js';
import { FEEDBACK_FLOW, HELP_FLOWS, type AnswerResult, type Helpline, type HelpFlow, type Turn } from '../../helpline/helpline.js';
import { DELETABLE_FOR_MS, type MessageLog } from '../../helpline/message-log.js';
import type { UrgentWords } from '../../helpline/urgent-words.js';
import { isLanguage, type I18n } from '../../i18n/index.js';
import type { Clock } from '../../shared/clock.js';
import type { IdentityProtector } from '../../shared/crypto.js';
import type { Logger } from '../../shared/logger.js';
import { button, decodeButton, type MenuItem } from './callback-data.js';
import { incomingOf } from './console.js';
import type { UraContext } from './context.js';
import { viewOf } from './flow-view.js';
import { helplineScreens, type Private } from './helpline-screens.js';
import type { RateLimiter } from './rate-limiter.js';

export interface HelplineBotDeps {
  helpline: Helpline;
  handoff: Handoff;
  paging: Paging;
  directory: Directory;
  contacts: Contacts;
  messages: MessageLog;
  erase(contactId: string, sessionKey: string): Promise<void>;
  identity: IdentityProtector;
  i18n: I18n;
  urgentWords: UrgentWords;
  rateLimits: { messages: RateLimiter; buttons: RateLimiter };
  clock: Clock;
  logger: Logger;
  retentionDays: number;
}


const MENU_FLOWS: Partial<Record<MenuItem, HelpFlow>> = { worried: 'helpline/worried-about-someone', offer: 'helpline/check-an-offer' };
const SOURCE = /^src_([a-z0-9_]{1,40})$/;

/** The anonymous help-seeking conversation: language, notice, safety, menu, flows, a person, exit and data rights. */
export function helplineComposer(deps: HelplineBotDeps): Composer<UraContext> {
  const { helpline, contacts, messages, i18n, clock } = deps;
  const composer = new Composer<UraContext>();
  const privateChats = composer.chatType('private');

  const { t, send, say, choice, showLanguages, showNotice, showSafety, showMenu, showServices, askRegion } = helplineScreens(deps);

  // Looked up once per update, however many steps of it need the contact.
  const seen = new WeakMap<object, Promise<Contact>>();
  function contactOf(ctx: Private, source?: string): Promise<Contact> {
    const known = seen.get(ctx);
    if (known) return known;
    const contact = contacts.recordVisit({ userId: ctx.from.id, chatId: ctx.chat.id, language: ctx.lang, source: source ?? null });
    seen.set(ctx, contact);
    return contact;
  }

  /** Renders a turn of a flow, and what its effects start. */
  async function render(ctx: Private, contact: Contact, turn: Turn) {
    const ns = flowNamespace(turn.conversation.flowId);
    const tr = i18n.forLanguage(ctx.lang, ns);
    const reach = turn.helpCase ? await reachTeam(turn.helpCase) : undefined;
    // A flow for young people shows the services for children.
    const young = helpline.ageBandOf(turn.conversation.flowId) === 'child';
    for (const effect of turn.effects) {
      if (effect.type === 'urgent') await say(ctx, contact, withReach(ctx, t(ctx)('urgent.text'), reach));
      else if (effect.type === 'action' && effect.name === 'show_services') await showServices(ctx, contact, young ? 'child' : undefined);
      else if (effect.type === 'action' && effect.name === 'offer_handoff') await say(ctx, contact, t(ctx)('person.offer'));
      else if (effect.type === 'action' && effect.name === 'show_emergency') {
        // The urgent effect of this same turn has already shown the emergency numbers.
        if (!turn.effects.some((other) => other.type === 'urgent')) await say(ctx, contact, t(ctx)('urgent.text'));
      }
      else if (effect.type === 'handoff') await say(ctx, contact, reach === 'nobody' ? t(ctx)('handoff:person.nobody') : t(ctx)('person.requested'));
      else {
        const view = viewOf(effect, tr);
        if (view) await send(ctx, contact, view);
      }
    }
    ctx.session.inFlow = turn.conversation.state.status !== 'ended';
    if (turn.conversation.state.status === 'ended') await showMenu(ctx, contact);
  }

  async function startFlow(ctx: Private, contact: Contact, flowId: HelpFlow) {
    await render(ctx, contact, await helpline.startFlow(contact, flowId, ctx.lang));
  }

  async function answer(ctx: Private, contact: Contact, input: FlowInput) {
    await show(ctx, contact, await helpline.answer(contact, input));
  }

  async function show(ctx: Private, contact: Contact, result: AnswerResult) {
    if ('kind' in result) {
      if (result.kind === 'restart') {
        await say(ctx, contact, t(ctx)('restart_needed'));
        const flowId = HELP_FLOWS.find((id) => id === result.flowId);
        if (flowId) return startFlow(ctx, contact, flowId);
      }
      await say(ctx, contact, t(ctx)('hint.stale'));
      return showMenu(ctx, contact);
    }
    await render(ctx, contact, result);
  }

  /**
   * Pages the team about a case just opened or raised. `nobody`: no one is on call,
   * which the person is told honestly; `in_chat`: an operator already has it.
   */
  async function reachTeam(helpCase: HelpCase): Promise<'paged' | 'nobody' | 'in_chat'> {
    if (helpCase.status === 'active') return 'in_chat';
    const { onCall } = await deps.paging.caseOpened(helpCase);
    deps.logger.info({ case: helpCase.code, level: helpCase.level, trigger: helpCase.trigger, onCall }, 'case waiting for an operator');
    return onCall > 0 ? 'paged' : 'nobody';
  }
  const withReach = (ctx: Private, text: string, reach: 'paged' | 'nobody' | 'in_chat' | undefined) => (reach === 'nobody' ? `${text}\n\n${t(ctx)('handoff:person.nobody_urgent')}` : text);

  /** Opens or raises the person's case, pages the team and tells the person; returns the case. */
  async function requestPerson(ctx: Private, contact: Contact, trigger: 'request' | 'urgent', words?: string): Promise<HelpCase> {
    const helpCase = await helpline.requestPerson(contact, trigger, words);
    const reach = await reachTeam(helpCase);
    if (trigger === 'urgent') await say(ctx, contact, withReach(ctx, t(ctx)('urgent.text'), reach));
    else await say(ctx, contact, t(ctx)(reach === 'nobody' ? 'handoff:person.nobody' : reach === 'in_chat' ? 'handoff:person.in_chat' : 'person.requested'));
    return helpCase;
  }

  /**
   * A message during the person's live case (`live`): relayed to the operator who holds
   * it, or kept for whoever takes it unless it answers a question of a flow. False: not
   * the case's. `only: 'active'`: a waiting case does not take it. `quiet`: the person was
   * already answered (urgent words), so no "saved" note.
   */
  async function toCase(ctx: Private, contact: Contact, live: HelpCase | undefined, options: { only?: 'active'; quiet?: boolean } = {}): Promise<boolean> {
    if (!ctx.msg || !live || (live.status === 'pending' && (ctx.session.inFlow || options.only === 'active'))) return false;
    const result = await deps.handoff.fromPerson(live, incomingOf(ctx.msg));
    if (result === 'queued' && !options.quiet) await say(ctx, contact, t(ctx)('handoff:person.queued'));
    return true;
  }

  /** Deletes what Telegram still lets the bot delete, ends the conversation, and says nothing. */
  async function quickExit(ctx: Private, contact: Contact, extra: number[]) {
    const ids = [...new Set([...(await messages.since(contact.id, new Date(clock.now().getTime() - DELETABLE_FOR_MS))), ...extra])];
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const bulk = await ctx.api.deleteMessages(ctx.chat.id, chunk).then(
        () => true,
        () => false,
      );
      // Bot API servers without deleteMessages (or refusing the batch) get one call per message.
      if (!bulk) for (const id of chunk) await ctx.api.deleteMessage(ctx.chat.id, id).catch(() => undefined);
    }
    await messages.forget(contact.id);
    await deps.handoff.personLeft(contact.id);
    await helpline.abandon(contact);
    ctx.session.inFlow = false;
  }

  async function offerResumeOrMenu(ctx: Private, contact: Contact) {
    const open = await helpline.resumable(contact);
    if (!open) return showMenu(ctx, contact);
    ctx.session.inFlow = false;
    const tr = t(ctx);
    await say(ctx, contact, tr('resume.text'), [choice(tr('resume.continue'), button.resume(true)), choice(tr('resume.restart'), button.resume(false))]);
  }

  // A rate limit before anything else. A dropped button press is still answered, so it does not spin.
  privateChats.use(async (ctx, next) => {
    const key = deps.identity.hashId('user', ctx.from.id);
    const pressed = ctx.callbackQuery !== undefined;
    const verdict = (pressed ? deps.rateLimits.buttons : deps.rateLimits.messages).hit(key, clock.now(), ctx.update.update_id);
    if (verdict === 'ok') return next();
    if (pressed) await ctx.answerCallbackQuery().catch(() => undefined);
    if (verdict === 'warn') await ctx.reply(t(ctx)('hint.slow_down'));
  });

  // Every message the person sends is logged (its id only), so that a quick exit deletes it too.
  privateChats.on('message', async (ctx, next) => {
    // A deep link (/start src_poster_fier) names the campaign; the first visit keeps it.
    const payload = /^\/start(?:@\w+)?\s+(\S+)/.exec(ctx.msg.text ?? '')?.[1];
    const contact = await contactOf(ctx, payload === undefined ? undefined : SOURCE.exec(payload)?.[1]);
    await messages.record(contact.id, [ctx.msg.message_id], clock.now());
    await next();
  });

  privateChats.command('start', async (ctx) => {
    const contact = await contactOf(ctx);
    if (!ctx.session.language) return showLanguages(ctx, contact);
    // Someone coming back may be watched now: safety first, every time.
    return showSafety(ctx, contact);
  });
  privateChats.command(['language', 'gjuha'], async (ctx) => showLanguages(ctx, await contactOf(ctx)));
  privateChats.command(['help', 'menu'], async (ctx) => {
    const contact = await contactOf(ctx);
    return offerResumeOrMenu(ctx, contact);
  });
  privateChats.command('privacy', async (ctx) => say(ctx, await contactOf(ctx), t(ctx)('privacy.text', { days: deps.retentionDays })));
  privateChats.command('delete', async (ctx) => {
    const contact = await contactOf(ctx);
    ctx.session.inFlow = false;
    const tr = t(ctx);
    await say(ctx, contact, tr('delete.confirm'), [choice(tr('delete.yes'), button.delete(true)), choice(tr('delete.no'), button.delete(false))]);
  });
  privateChats.command('exit', async (ctx) => quickExit(ctx, await contactOf(ctx), [ctx.msg.message_id]));

  privateChats.on('callback_query:data', async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    const contact = await contactOf(ctx);
    const action = decodeButton(ctx.callbackQuery.data);
    const messageId = ctx.callbackQuery.message?.message_id;
    switch (action.kind) {
      case 'exit':
        return quickExit(ctx, contact, messageId === undefined ? [] : [messageId]);
      case 'person':
        return requestPerson(ctx, contact, 'request');
      case 'language': {
        if (!isLanguage(action.language)) return showLanguages(ctx, contact);
        const first = ctx.session.language === undefined;
        ctx.session.language = action.language;
        ctx.lang = action.language;
        await contacts.setLanguage(contact.id, action.language);
        return first ? showNotice(ctx, contact) : offerResumeOrMenu(ctx, contact);
      }
      case 'notice':
        return showSafety(ctx, contact);
      case 'safety':
        if (action.answer === 'danger') return requestPerson(ctx, contact, 'urgent', 'danger_button');
        if (action.answer === 'not_really') await say(ctx, contact, t(ctx)('safety.tips'));
        return offerResumeOrMenu(ctx, contact);
      case 'menu': {
        if (action.item === 'check') {
          ctx.session.inFlow = false;
          const tr = t(ctx);
          return say(ctx, contact, tr('age.text'), [choice(tr('age.yes'), button.age(true)), choice(tr('age.no'), button.age(false))]);
        }
        if (action.item === 'services') return contact.region === null ? askRegion(ctx, contact) : showServices(ctx, contact);
        if (action.item === 'privacy') return say(ctx, contact, t(ctx)('privacy.text', { days: deps.retentionDays }), [choice(t(ctx)('buttons.menu'), button.menu('home'))]);
        const flowId = MENU_FLOWS[action.item];
        return flowId ? startFlow(ctx, contact, flowId) : showMenu(ctx, contact);
      }
      case 'age':
        return startFlow(ctx, contact, action.under18 ? 'helpline/young-person' : 'helpline/self-check');
      case 'resume': {
        const turn = action.resume ? await helpline.current(contact) : undefined;
        if (turn) return render(ctx, contact, turn);
        await helpline.abandon(contact);
        return showMenu(ctx, contact);
      }
      case 'delete':
        if (!action.confirmed) {
          ctx.session.inFlow = false;
          return say(ctx, contact, t(ctx)('delete.cancelled'));
        }
        await deps.handoff.personLeft(contact.id);
        await deps.erase(contact.id, deps.identity.hashId('chat', ctx.chat.id));
        // Otherwise the session middleware would write the chat's state back after this handler.
        ctx.session = undefined;
        return ctx.reply(t(ctx)('delete.done'));
      case 'regions':
        return askRegion(ctx, contact);
      case 'region': {
        const region = isRegion(action.region) ? action.region : null;
        await contacts.setRegion(contact.id, region ?? 'national');
        return showServices(ctx, { ...contact, region: region ?? 'national' });
      }
      case 'flow':
        return answer(ctx, contact, action.input);
      case 'feedback':
        return render(ctx, contact, await helpline.startFlow(contact, FEEDBACK_FLOW, ctx.lang));
      case 'unknown':
        await say(ctx, contact, t(ctx)('hint.stale'));
        return offerResumeOrMenu(ctx, contact);
    }
  });

  // A forwarded message is someone else's words: never read as an answer, nor as urgent.
  privateChats.on('message:forward_origin', async (ctx) => {
    const contact = await contactOf(ctx);
    // In a live chat it is relayed as a copy: the operator sees the content, never its origin.
    if (await toCase(ctx, contact, await deps.handoff.liveCase(contact.id))) return;
    await say(ctx, contact, t(ctx)('hint.forwarded'));
  });

  privateChats.on('message:text', async (ctx) => {
    const contact = await contactOf(ctx);
    // In a live chat everything goes to the operator, who reads any urgent words themself.
    const live = await deps.handoff.liveCase(contact.id);
    if (await toCase(ctx, contact, live, { only: 'active' })) return;
    // Urgent words are heard wherever they are written, and never wait for a flow; a
    // waiting case is raised to urgent and paged again.
    const words = deps.urgentWords.detect(ctx.msg.text);
    let waiting = live;
    if (words) {
      deps.logger.warn({ words }, 'urgent words in a message');
      waiting = await requestPerson(ctx, contact, 'urgent', words);
    }
    if (!ctx.session.language) return showLanguages(ctx, contact);
    if (ctx.session.inFlow) {
      const result = await helpline.typed(contact, ctx.msg.text, { urgent: words !== undefined });
      if (!('kind' in result && result.kind === 'no_conversation')) return show(ctx, contact, result);
    }
    // Waiting for an operator: kept for whoever takes the case (urgent words may just have opened it).
    if (await toCase(ctx, contact, waiting, { quiet: words !== undefined })) return;
    if (!words) return offerResumeOrMenu(ctx, contact);
  });

  privateChats.on('edited_message', async (ctx) => say(ctx, await contactOf(ctx), t(ctx)('hint.edited')));
  privateChats.on('message', async (ctx) => {
    const contact = await contactOf(ctx);
    if (await toCase(ctx, contact, await deps.handoff.liveCase(contact.id))) return;
    await say(ctx, contact, t(ctx)('hint.media'));
  });

  return composer;
}
