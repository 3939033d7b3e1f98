import { Composer } from 'grammy';
import type { FlowInput } from '../../flows/engine.js';
import type { Handoff } from '../../helpline/handoff/handoff.js';
import type { Paging } from '../../helpline/handoff/paging.js';
import type { HelpCase } from '../../helpline/cases.js';
import { flowNamespace } from '../../flows/schema.js';
import type { Contact, Contacts } from '../../helpline/contacts.js';
import { isRegion, type Directory } from '../../helpline/directory.js';
import { numbersText, withNumbers } from '../../helpline/numbers-text.js';
import { FEEDBACK_FLOW, HELP_FLOWS, type AnswerResult, type Helpline, type HelpFlow, type Turn } from '../../helpline/helpline.js';
import { DELETABLE_FOR_MS, type MessageLog } from '../../helpline/message-log.js';
import type { UrgentMatch, UrgentWords } from '../../helpline/urgent-words.js';
import { DEFAULT_LANGUAGE, isLanguage, type I18n } from '../../i18n/index.js';
import type { Clock } from '../../shared/clock.js';
import type { IdentityProtector } from '../../shared/crypto.js';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { button, decodeButton, type MenuItem } from './callback-data.js';
import { recordingSent } from './chat-log.js';
import { incomingOf } from './console.js';
import type { UraContext } from './context.js';
import { viewOf } from './flow-view.js';
import { helplineScreens, type Private } from './helpline-screens.js';
import { holdChoice, requestedText } from './person-request.js';
import type { RateLimiter } from './rate-limiter.js';
import { urgentView, type Reach, type UrgentMessage } from './urgent-view.js';

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


/** The way out and the right to be forgotten always work, however fast someone taps. */
function alwaysServed(ctx: UraContext): boolean {
  if (ctx.callbackQuery) {
    const kind = decodeButton(ctx.callbackQuery.data).kind;
    return kind === 'exit' || kind === 'delete';
  }
  return /^\/(?:exit|delete)(?:@\w+)?(?:\s|$)/.test(ctx.message?.text ?? '');
}

/** "I'm in danger now" and "I need a doctor now" are calls for help: never held back by a limit. */
function callsForHelp(ctx: UraContext): boolean {
  const action = decodeButton(ctx.callbackQuery?.data);
  return action.kind === 'safety' && (action.answer === 'danger' || action.answer === 'doctor');
}

const MENU_FLOWS: Partial<Record<MenuItem, HelpFlow>> = { worried: 'helpline/worried-about-someone', offer: 'helpline/check-an-offer' };
const SOURCE = /^src_([a-z0-9_]{1,40})$/;

/** The anonymous help-seeking conversation: language, notice, safety, menu, flows, a person, exit and data rights. */
export function helplineComposer(deps: HelplineBotDeps): Composer<UraContext> {
  const { helpline, contacts, messages, i18n, clock } = deps;
  const composer = new Composer<UraContext>();
  const privateChats = composer.chatType('private');

  const { t, send, say, choice, showLanguages, showNotice, showSafety, showMenu, showServices, askRegion, askCountry, showUrgent } = helplineScreens(deps);

  // Looked up once per update, however many steps of it need the contact; with the
  // country the session holds at the start of the update, which a case opened keeps.
  const seen = new WeakMap<object, Promise<Contact>>();
  function contactOf(ctx: Private, source?: string): Promise<Contact> {
    const known = seen.get(ctx);
    if (known) return known;
    const country = ctx.session.country;
    const contact = contacts
      .recordVisit({ userId: ctx.from.id, chatId: ctx.chat.id, language: ctx.lang, source: source ?? null })
      .then((found): Contact => (country ? { ...found, country } : found));
    seen.set(ctx, contact);
    return contact;
  }

  // The person's live or waiting case, looked up once per update: the rate limit and the handlers both ask.
  const cases = new WeakMap<object, Promise<HelpCase | undefined>>();
  function caseOf(ctx: Private, contact: Contact): Promise<HelpCase | undefined> {
    const known = cases.get(ctx);
    if (known) return known;
    const live = deps.handoff.liveCase(contact.id);
    cases.set(ctx, live);
    return live;
  }

  /**
   * Urgent words are heard in the person's language only (other languages' words raised
   * false alarms). Before a language is chosen, in the Telegram app's language and in Albanian.
   */
  function urgentIn(ctx: UraContext, text: string): UrgentMatch | undefined {
    const languages = ctx.session.language ? [ctx.lang] : [...new Set([ctx.lang, DEFAULT_LANGUAGE])];
    for (const language of languages) {
      const found = deps.urgentWords.detect(text, language);
      if (found) return found;
    }
    return undefined;
  }

  /** Renders a turn of a flow, and what its effects start. */
  async function render(ctx: Private, contact: Contact, turn: Turn) {
    const ns = flowNamespace(turn.conversation.flowId);
    const tr = i18n.forLanguage(ctx.lang, ns);
    const reach = turn.helpCase ? await reachTeam(turn.helpCase) : undefined;
    // A flow for young people shows the services for children.
    const young = helpline.ageBandOf(turn.conversation.flowId) === 'child';
    if (turn.effects.some((effect) => effect.type === 'urgent')) {
      // One message, not the flow's own danger texts, offer and goodbye after it: the
      // numbers, whether a person knows, the way out; a button back if the flow goes on.
      const goesOn = turn.conversation.state.status !== 'ended';
      await showUrgent(ctx, { ...(reach ? { reach } : {}), canContinue: goesOn });
      return;
    }
    for (const effect of turn.effects) {
      if (effect.type === 'action' && effect.name === 'show_services') await showServices(ctx, contact, young ? 'child' : undefined);
      else if (effect.type === 'action' && effect.name === 'offer_handoff') await say(ctx, t(ctx)('person.offer'));
      else if (effect.type === 'action' && effect.name === 'show_emergency') await say(ctx, numbersText(deps.directory, ctx.session.country, i18n.forLanguage(ctx.lang)));
      else if (effect.type === 'handoff') await say(ctx, turn.helpCase ? requestedText(t(ctx), turn.helpCase, reach ?? 'paged', nobodyOnCall(ctx, turn.helpCase)) : t(ctx)('person.requested'), turn.helpCase ? holdChoice(t(ctx)) : []);
      else {
        const view = viewOf(effect, tr, helpline.hintsOf(turn.conversation.flowId));
        if (view) await send(ctx, view);
      }
    }
    ctx.session.inFlow = turn.conversation.state.status !== 'ended';
    if (turn.conversation.state.status === 'ended') await showMenu(ctx);
  }

  /** Starts a flow with what the person already told the bot here (safety, under 18), so that the flow does not ask it again. */
  async function startFlow(ctx: Private, contact: Contact, flowId: HelpFlow) {
    await render(ctx, contact, await helpline.startFlow(contact, flowId, ctx.lang, ctx.session.known ?? {}));
  }

  async function answer(ctx: Private, contact: Contact, input: FlowInput) {
    await show(ctx, contact, await helpline.answer(contact, input));
  }

  async function show(ctx: Private, contact: Contact, result: AnswerResult) {
    if ('kind' in result) {
      if (result.kind === 'restart') {
        await say(ctx, t(ctx)('restart_needed'));
        const flowId = HELP_FLOWS.find((id) => id === result.flowId);
        if (flowId) return startFlow(ctx, contact, flowId);
      }
      await say(ctx, t(ctx)('hint.stale'));
      return showMenu(ctx);
    }
    await render(ctx, contact, result);
  }

  /**
   * Pages the team about a case just opened or raised. `nobody`: no one is on call,
   * which the person is told honestly; `in_chat`: an operator already has it.
   */
  async function reachTeam(helpCase: HelpCase): Promise<Reach> {
    if (helpCase.status === 'active') return 'in_chat';
    const { onCall } = await deps.paging.caseOpened(helpCase);
    deps.logger.info({ case: helpCase.code, level: helpCase.level, trigger: helpCase.trigger, onCall }, 'case waiting for an operator');
    return onCall > 0 ? 'paged' : 'nobody';
  }

  /**
   * Nobody is on call: said honestly, with the numbers that answer now. Those of
   * `handoff:person.nobody` are Albania's: someone who said they are in another
   * country (the case keeps it) gets that country's instead.
   */
  function nobodyOnCall(ctx: Private, helpCase: HelpCase): string {
    return withNumbers(deps.directory, helpCase.country ?? ctx.session.country, i18n.forLanguage(ctx.lang), { albania: 'handoff:person.nobody', intro: 'handoff:person.nobody_urgent' });
  }

  /**
   * Opens or raises the person's case, pages the team and tells the person; returns the case.
   * Urgent: the one urgent message, with `urgent` for what it adds (a doctor, a line
   * about what was heard, a way back to the flow).
   */
  async function requestPerson(ctx: Private, contact: Contact, trigger: 'request' | 'urgent', words?: string, urgent: Omit<UrgentMessage, 'country' | 'reach'> = {}): Promise<HelpCase> {
    const helpCase = await helpline.requestPerson(contact, trigger, words);
    const reach = await reachTeam(helpCase);
    if (trigger === 'urgent') await showUrgent(ctx, { ...urgent, reach });
    else if (reach === 'in_chat') await say(ctx, t(ctx)('handoff:person.in_chat'));
    else await say(ctx, requestedText(t(ctx), helpCase, reach, nobodyOnCall(ctx, helpCase)), holdChoice(t(ctx)));
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
    if (result === 'queued' && !options.quiet) await say(ctx, t(ctx)('handoff:person.queued'));
    return true;
  }

  /** Deletes what Telegram still lets the bot delete, ends the conversation, and says nothing. */
  async function quickExit(ctx: Private, contact: Contact, extra: number[]) {
    // Contact ends first (nothing more is queued or sent to the person), so that no
    // message from the team lands after the chat was cleared.
    await deps.handoff.personLeft(contact.id);
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
    await helpline.abandon(contact);
    ctx.session.inFlow = false;
    // Whoever opens the chat next is asked again.
    ctx.session.known = undefined;
  }

  /** Services, once the country (and in Albania the county, optional) is known. */
  async function servicesOrQuestion(ctx: Private, contact: Contact) {
    if (ctx.session.country === undefined) return askCountry(ctx);
    if (ctx.session.country === 'AL' && contact.region === null) return askRegion(ctx);
    return showServices(ctx, contact);
  }

  async function offerResumeOrMenu(ctx: Private, contact: Contact) {
    const open = await helpline.resumable(contact);
    if (!open) return showMenu(ctx);
    ctx.session.inFlow = false;
    const tr = t(ctx);
    await say(ctx, tr('resume.text'), [choice(tr('resume.continue'), button.resume(true)), choice(tr('resume.restart'), button.resume(false))]);
  }

  // Every message in the person's chat is logged (its id only), theirs and Ura's alike
  // (a screen, the slow-down notice, the error boundary's apology), before anything may
  // drop the update: a quick exit deletes them all. Erasing stops the logging, so that
  // nothing is recorded again for someone who was just forgotten.
  const erased = new WeakSet<object>();
  // Only what the person does counts: a change of membership (they blocked the bot) records no visit.
  const doings = privateChats.on(['message', 'callback_query', 'edited_message']);
  doings.use(async (ctx, next) => {
    // A deep link (/start src_poster_fier) names the campaign; the first visit keeps it.
    const payload = /^\/start(?:@\w+)?\s+(\S+)/.exec(ctx.message?.text ?? '')?.[1];
    const contact = await contactOf(ctx, payload === undefined ? undefined : SOURCE.exec(payload)?.[1]);
    ctx.api.config.use(
      recordingSent(ctx.chat.id, async (ids) => {
        if (erased.has(ctx)) return;
        // The message is on the phone either way: a failure to log it must not fail the update.
        await messages.record(contact.id, ids, clock.now()).catch((error: unknown) => deps.logger.warn({ err: errorMessage(error) }, 'could not log a sent message for the quick exit'));
      }),
    );
    if (ctx.message) await messages.record(contact.id, [ctx.message.message_id], clock.now());
    // The person asked to be written to only after they write: they just did (leaving is not writing).
    // The session says whether they asked, so that nobody else pays a read for it.
    if (ctx.session.holding && !alwaysServed(ctx)) {
      await deps.handoff.personWrote(contact.id);
      ctx.session.holding = undefined;
    }
    await next();
  });

  // A limit on menus and flows, so that a flood cannot bury them; told once, kindly. Never
  // limited: the exit and /delete, urgent words and the danger and doctor buttons (which open a case), and anything the person
  // writes while their case is live or waiting, which is kept for the operator. A refused
  // button press is still answered, so it does not spin.
  doings.use(async (ctx, next) => {
    if (alwaysServed(ctx) || callsForHelp(ctx)) return next();
    if (ctx.message?.text !== undefined && urgentIn(ctx, ctx.message.text)) return next();
    const contact = await contactOf(ctx);
    if (ctx.message && (await caseOf(ctx, contact))) return next();
    const key = deps.identity.hashId('user', ctx.from.id);
    const pressed = ctx.callbackQuery !== undefined;
    const verdict = (pressed ? deps.rateLimits.buttons : deps.rateLimits.messages).hit(key, clock.now(), ctx.update.update_id);
    if (verdict === 'ok') return next();
    if (pressed) await ctx.answerCallbackQuery().catch(() => undefined);
    if (verdict === 'warn') await say(ctx, t(ctx)('hint.slow_down'));
  });

  privateChats.command('start', async (ctx) => {
    if (!ctx.session.language) return showLanguages(ctx);
    // Someone coming back may be watched now: safety first, every time.
    return showSafety(ctx);
  });
  privateChats.command(['language', 'gjuha'], async (ctx) => showLanguages(ctx));
  privateChats.command(['help', 'menu'], async (ctx) => {
    const contact = await contactOf(ctx);
    return offerResumeOrMenu(ctx, contact);
  });
  privateChats.command('privacy', async (ctx) => say(ctx, t(ctx)('privacy.text', { days: deps.retentionDays })));
  privateChats.command('delete', async (ctx) => {
    ctx.session.inFlow = false;
    const tr = t(ctx);
    await say(ctx, tr('delete.confirm'), [choice(tr('delete.yes'), button.delete(true)), choice(tr('delete.no'), button.delete(false))]);
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
      case 'hold':
      {
        const holding = await deps.handoff.holdReplies(contact.id);
        if (holding) ctx.session.holding = true;
        return say(ctx, t(ctx)(holding ? 'person.hold_set' : 'person.hold_none'));
      }
      case 'language': {
        if (!isLanguage(action.language)) return showLanguages(ctx);
        const first = ctx.session.language === undefined;
        ctx.session.language = action.language;
        ctx.lang = action.language;
        await contacts.setLanguage(contact.id, action.language);
        return first ? showNotice(ctx) : offerResumeOrMenu(ctx, contact);
      }
      case 'notice':
        return showSafety(ctx);
      case 'safety': {
        // The latest answer counts: after "danger" or "a doctor", an earlier "safe" is no longer true.
        const { safety: _earlier, ...known } = ctx.session.known ?? {};
        ctx.session.known = action.answer === 'safe' || action.answer === 'not_really' ? { ...known, safety: action.answer } : known;
        if (action.answer === 'danger') return requestPerson(ctx, contact, 'urgent', 'danger_button');
        if (action.answer === 'doctor') return requestPerson(ctx, contact, 'urgent', 'doctor_button', { medical: true });
        if (action.answer === 'not_really') await say(ctx, t(ctx)('safety.tips'));
        return offerResumeOrMenu(ctx, contact);
      }
      case 'menu': {
        if (action.item === 'check') {
          ctx.session.inFlow = false;
          const tr = t(ctx);
          return say(ctx, tr('age.text'), [choice(tr('age.yes'), button.age(true)), choice(tr('age.no'), button.age(false))]);
        }
        if (action.item === 'services') return servicesOrQuestion(ctx, contact);
        if (action.item === 'privacy') return say(ctx, t(ctx)('privacy.text', { days: deps.retentionDays }), [choice(t(ctx)('buttons.menu'), button.menu('home'))]);
        const flowId = MENU_FLOWS[action.item];
        return flowId ? startFlow(ctx, contact, flowId) : showMenu(ctx);
      }
      case 'age':
        ctx.session.known = { ...ctx.session.known, under18: action.under18 };
        return startFlow(ctx, contact, action.under18 ? 'helpline/young-person' : 'helpline/self-check');
      case 'resume': {
        const turn = action.resume ? await helpline.current(contact) : undefined;
        if (turn) return render(ctx, contact, turn);
        await helpline.abandon(contact);
        return showMenu(ctx);
      }
      case 'delete':
        if (!action.confirmed) {
          ctx.session.inFlow = false;
          return say(ctx, t(ctx)('delete.cancelled'));
        }
        await deps.handoff.personLeft(contact.id);
        erased.add(ctx);
        await deps.erase(contact.id, deps.identity.hashId('chat', ctx.chat.id));
        // Otherwise the session middleware would write the chat's state back after this handler.
        ctx.session = undefined;
        return ctx.reply(t(ctx)('delete.done'));
      case 'regions':
        return askRegion(ctx);
      case 'countries':
        return askCountry(ctx);
      case 'country':
        ctx.session.country = action.country;
        // An open case keeps it: a notice sent later gives this country's numbers.
        await deps.handoff.countryChosen(contact.id, action.country);
        if (action.then === 'services') return servicesOrQuestion(ctx, contact);
        // Chosen from the urgent message: that country's numbers (after its crisis lines, if the message had them); the case is already open.
        return send(ctx, urgentView(deps.directory, i18n.forLanguage(ctx.lang), { country: action.country, selfHarm: action.then === 'crisis' }));
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
        await say(ctx, t(ctx)('hint.stale'));
        return offerResumeOrMenu(ctx, contact);
    }
  });

  // A contact card or a place carries a phone number or where someone is: never relayed
  // nor kept, in a live chat or not (a venue and a live location are places too). Written
  // in words, what to share stays the person's choice. A live location's updates arrive
  // as edits: the first was answered already.
  privateChats.on(['message:contact', 'message:location', 'message:venue'], async (ctx) => say(ctx, t(ctx)('hint.private_details')));
  privateChats.on('edited_message:location', () => undefined);

  // A forwarded message is someone else's words: never read as an answer, nor as urgent.
  privateChats.on('message:forward_origin', async (ctx) => {
    const contact = await contactOf(ctx);
    // In a live chat it is relayed as a copy: the operator sees the content, never its origin.
    if (await toCase(ctx, contact, await caseOf(ctx, contact))) return;
    await say(ctx, t(ctx)('hint.forwarded'));
  });

  privateChats.on('message:text', async (ctx) => {
    const contact = await contactOf(ctx);
    // In a live chat everything goes to the operator, who reads any urgent words themself.
    const live = await caseOf(ctx, contact);
    if (await toCase(ctx, contact, live, { only: 'active' })) return;
    // Urgent words are heard wherever they are written, and never wait for a flow; a
    // waiting case is raised to urgent and paged again.
    const urgent = urgentIn(ctx, ctx.msg.text);
    const words = urgent?.meaning;
    const inFlow = ctx.session.inFlow === true;
    let waiting = live;
    if (urgent) {
      deps.logger.warn({ words, category: urgent.category }, 'urgent words in a message');
      // Thoughts of self-harm: the country's crisis lines first, and a line of their own, in the one urgent message.
      waiting = await requestPerson(ctx, contact, 'urgent', urgent.meaning, { canContinue: inFlow, selfHarm: urgent.category === 'self_harm' });
    }
    if (!ctx.session.language) return showLanguages(ctx);
    if (inFlow) {
      const result = await helpline.typed(contact, ctx.msg.text, { urgent: words !== undefined });
      // After urgent words the urgent message is the only answer: its button asks the question again.
      if (!('kind' in result && result.kind === 'no_conversation')) return words ? undefined : show(ctx, contact, result);
    }
    // Waiting for an operator: kept for whoever takes the case (urgent words may just have opened it).
    if (await toCase(ctx, contact, waiting, { quiet: words !== undefined })) return;
    if (!words) return offerResumeOrMenu(ctx, contact);
  });

  privateChats.on('edited_message', async (ctx) => say(ctx, t(ctx)('hint.edited')));
  privateChats.on('message', async (ctx) => {
    const contact = await contactOf(ctx);
    if (await toCase(ctx, contact, await caseOf(ctx, contact))) return;
    await say(ctx, t(ctx)('hint.media'));
  });

  return composer;
}
