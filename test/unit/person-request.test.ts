import { describe, expect, it } from 'vitest';
import { createI18n, LANGUAGES } from '../../src/i18n/index.js';
import { requestedText } from '../../src/transport/telegram/person-request.js';

const i18n = createI18n();
const summary = (answers: Record<string, unknown>) => ({ flowId: null, reasons: [], answers, urgentWords: null }) as never;

describe('what a person is told when they ask for a person', () => {
  it.each(LANGUAGES)('%s: says that the answers so far go to the team, only when there are some', (language) => {
    const tr = i18n.forLanguage(language, 'helpline');
    const shares = tr('person.shares_answers');
    expect(requestedText(tr, { summary: summary({ safety: 'safe' }), ageBand: 'adult' }, 'paged')).toContain(shares);
    expect(requestedText(tr, { summary: summary({}), ageBand: 'unknown' }, 'paged')).not.toContain(shares);
  });

  it.each(LANGUAGES)('%s: tells a young person, and only a young person, when child protection is told', (language) => {
    const tr = i18n.forLanguage(language, 'helpline');
    expect(requestedText(tr, { summary: summary({}), ageBand: 'child' }, 'paged')).toContain(tr('person.limits_young'));
    expect(requestedText(tr, { summary: summary({}), ageBand: 'adult' }, 'paged')).not.toContain(tr('person.limits_young'));
  });

  it.each(LANGUAGES)('%s: always ends with the tip on muting the chat and hiding previews, whether or not someone is on call', (language) => {
    const tr = i18n.forLanguage(language, 'helpline');
    for (const reach of ['paged', 'nobody'] as const) expect(requestedText(tr, { summary: summary({}), ageBand: 'adult' }, reach).endsWith(tr('person.quiet_tip'))).toBe(true);
    expect(requestedText(tr, { summary: summary({}), ageBand: 'adult' }, 'nobody').startsWith(tr('handoff:person.nobody'))).toBe(true);
  });

  it('in English, names what the team sees, what child protection may do, and the lock screen', () => {
    const tr = i18n.forLanguage('en', 'helpline');
    const text = requestedText(tr, { summary: summary({ age: 16 }), ageBand: 'child' }, 'paged');
    expect(text).toMatch(/The team will also see the answers you have given here so far/);
    expect(text).toMatch(/Will you tell my parents or the police\?/);
    expect(text).toMatch(/lock screen/);
  });
});
