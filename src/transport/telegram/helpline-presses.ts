import type { Contact } from '../../helpline/contacts.js';
import { isRegion } from '../../shared/regions.js';
import type { HelpFlow } from '../../helpline/helpline.js';
import { isLanguage } from '../../i18n/index.js';
import type { HelplineAction, MenuItem } from './helpline-buttons.js';
import { helplineButton } from './helpline-buttons.js';
import type { HelplineFlow } from './helpline-flow.js';
import type { HelplineKit } from './helpline-kit.js';
import type { Private } from './helpline-screens.js';
import type { HelplineUrgent } from './helpline-urgent.js';
import { urgentView } from './urgent-view.js';

const MENU_FLOWS: Partial<Record<MenuItem, HelpFlow>> = { worried: 'helpline/worried-about-someone', offer: 'helpline/check-an-offer' };

/** The helpline's screens answered: a press, already read by the helpline's codec, leads to one use-case or screen. */
export function helplinePresses(kit: HelplineKit, flow: HelplineFlow, urgent: HelplineUrgent) {
  const { deps, t, send, say, choice, showLanguages, showNotice, showSafety, showMenu, showServices, askRegion, askCountry } = kit;
  const { contacts, i18n } = deps;

  /** Services, once the country (and in Albania the county, optional) is known. */
  async function servicesOrQuestion(ctx: Private, contact: Contact) {
    if (ctx.session.country === undefined) return askCountry(ctx);
    if (ctx.session.country === 'AL' && contact.region === null) return askRegion(ctx);
    return showServices(ctx, contact);
  }

  async function language(ctx: Private, contact: Contact, chosen: string) {
    if (!isLanguage(chosen)) return showLanguages(ctx);
    const first = ctx.session.language === undefined;
    ctx.session.language = chosen;
    ctx.lang = chosen;
    await contacts.setLanguage(contact.id, chosen);
    return first ? showNotice(ctx) : flow.offerResumeOrMenu(ctx, contact);
  }

  async function safety(ctx: Private, contact: Contact, answer: Extract<HelplineAction, { kind: 'safety' }>['answer']) {
    // The latest answer counts: after "danger" or "a doctor", an earlier "safe" is no longer true.
    const { safety: _earlier, ...known } = ctx.session.known ?? {};
    ctx.session.known = answer === 'safe' || answer === 'not_really' ? { ...known, safety: answer } : known;
    if (answer === 'danger' || answer === 'doctor') return urgent.pressed(ctx, contact, answer);
    if (answer === 'not_really') await say(ctx, t(ctx)('safety.tips'));
    return flow.offerResumeOrMenu(ctx, contact);
  }

  async function menu(ctx: Private, contact: Contact, item: MenuItem) {
    if (item === 'check') {
      ctx.session.inFlow = false;
      const tr = t(ctx);
      return say(ctx, tr('age.text'), [choice(tr('age.yes'), helplineButton.age(true)), choice(tr('age.no'), helplineButton.age(false))]);
    }
    if (item === 'services') return servicesOrQuestion(ctx, contact);
    if (item === 'privacy') return say(ctx, t(ctx)('privacy.text', { days: deps.retentionDays }), [choice(t(ctx)('buttons.menu'), helplineButton.menu('home'))]);
    const flowId = MENU_FLOWS[item];
    return flowId ? flow.startFlow(ctx, contact, flowId) : showMenu(ctx);
  }

  async function hold(ctx: Private, contact: Contact) {
    const holding = await deps.handoff.holdReplies(contact.id);
    if (holding) ctx.session.holding = true;
    return say(ctx, t(ctx)(holding ? 'person.hold_set' : 'person.hold_none'));
  }

  /** Every press of the helpline's but the exit and /delete's answer, which the composer serves first. */
  return async function pressed(ctx: Private, contact: Contact, action: Exclude<HelplineAction, { kind: 'exit' | 'delete' }>): Promise<unknown> {
    switch (action.kind) {
      case 'person':
        return urgent.requestPerson(ctx, contact);
      case 'hold':
        return hold(ctx, contact);
      case 'language':
        return language(ctx, contact, action.language);
      case 'notice':
        return showSafety(ctx);
      case 'safety':
        return safety(ctx, contact, action.answer);
      case 'menu':
        return menu(ctx, contact, action.item);
      case 'age':
        ctx.session.known = { ...ctx.session.known, under18: action.under18 };
        return flow.startFlow(ctx, contact, action.under18 ? 'helpline/young-person' : 'helpline/self-check');
      case 'resume':
        return flow.resume(ctx, contact, action.resume);
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
        return flow.answer(ctx, contact, action.input);
      case 'feedback':
        return flow.startFeedback(ctx, contact);
      case 'unknown':
        await say(ctx, t(ctx)('hint.stale'));
        return flow.offerResumeOrMenu(ctx, contact);
    }
  };
}
