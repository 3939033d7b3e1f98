import { describe, expect, it } from 'vitest';
import { loadDirectory } from '../../src/helpline/directory.js';
import { createI18n, LANGUAGES, readLocales } from '../../src/i18n/index.js';
import { urgentView } from '../../src/transport/telegram/urgent-view.js';

const locales = readLocales();
const { directory } = loadDirectory(undefined, locales);
const i18n = createI18n(locales);

describe('the urgent message', () => {
  it.each(LANGUAGES)('in %s, gives Italy, Greece and the UK their own numbers and never 129', (language) => {
    const t = i18n.forLanguage(language);
    for (const [country, phones] of [
      ['IT', ['112', '800290290']],
      ['GR', ['112']],
      ['GB', ['999', '08000121700']],
    ] as const) {
      const { text } = urgentView(directory, t, { country, reach: 'paged' });
      for (const phone of phones) expect(text).toContain(`• ${phone}: `);
      expect(text).not.toMatch(/129|116006/);
    }
  });

  it('for thoughts of self-harm in the UK, puts Samaritans first, then the numbers to call now, the line for them, the team and the exit', () => {
    const t = i18n.forLanguage('en');
    const { text } = urgentView(directory, t, { country: 'GB', reach: 'nobody', selfHarm: true });
    const parts = text.split('\n\n');
    expect(parts[0]).toBe(`${t('helpline:urgent.crisis_in', { country: 'United Kingdom' })}\n• 116123: Samaritans (${t('helpline:services.always')})`);
    expect(parts[1]?.startsWith(`${t('helpline:urgent.numbers_in', { country: 'United Kingdom' })}\n• 999: `)).toBe(true);
    expect(parts.slice(2)).toEqual([t('urgent:self_harm_hint'), t('handoff:person.nobody_urgent'), t('helpline:urgent.exit')]);
  });

  it.each(LANGUAGES)("in %s, gives Italy's crisis line with its hours, since it does not answer day and night", (language) => {
    const t = i18n.forLanguage(language);
    const { text } = urgentView(directory, t, { country: 'IT', reach: 'paged', selfHarm: true });
    expect(text.startsWith(t('helpline:urgent.crisis_in', { country: t('helpline:countries.IT') }))).toBe(true);
    expect(text).toContain(`• 0223272327: ${t('directory:italy_telefono_amico.name')} (${t('directory:italy_telefono_amico.hours')})`);
    expect(text.indexOf('0223272327')).toBeLessThan(text.indexOf('• 112: '));
    expect(text).toContain(t('urgent:self_harm_hint'));
  });

  it('gives a crisis line first where the directory verifies one, and elsewhere the emergency numbers alone', () => {
    const t = i18n.forLanguage('en');
    const first = (country: 'AL' | 'XK' | 'MK' | 'ME' | 'RS' | 'GR' | 'IT' | 'GB') => urgentView(directory, t, { country, selfHarm: true }).text.split('\n')[1];
    expect(first('GR')).toBe('• 1018: Klimaka suicide-prevention line (24 hours)');
    expect(first('RS')).toMatch(/^• 0800300303: Centar “Srce” \(Novi Sad\) \(every day 14:00–23:00\)$/);
    expect(first('XK')).toMatch(/^• 080012345: .* \(from 14:00 to 02:00\)$/);
    for (const country of ['AL', 'MK', 'ME'] as const) {
      const { text } = urgentView(directory, t, { country, selfHarm: true });
      expect(text.startsWith(t('helpline:urgent.numbers_in', { country: t(`helpline:countries.${country}`) }))).toBe(true);
      expect(text).not.toContain(t('helpline:urgent.crisis_in', { country: t(`helpline:countries.${country}`) }));
      expect(text).toContain('• 112: ');
      expect(text).toContain(t('urgent:self_harm_hint'));
    }
    expect(urgentView(directory, t, { country: 'AL', selfHarm: true }).text).toContain('• 129: ');
  });

  it('lists no crisis line in the message for danger', () => {
    const t = i18n.forLanguage('en');
    const { text } = urgentView(directory, t, { country: 'GB', reach: 'paged' });
    expect(text).not.toContain('116123');
    expect(text).not.toContain(t('urgent:self_harm_hint'));
  });

  it("with the country unknown, keeps the numbers that work widely and Albania's, and its country buttons keep the crisis lines", () => {
    const t = i18n.forLanguage('en');
    const { text, keyboard } = urgentView(directory, t, { country: undefined, reach: 'paged', selfHarm: true });
    expect(text.startsWith(`${t('helpline:urgent.elsewhere')}\n\n${t('helpline:urgent.numbers_in', { country: 'Albania' })}\n• 112: `)).toBe(true);
    expect(text).toContain(t('helpline:urgent.which_country'));
    expect(text).toContain(t('urgent:self_harm_hint'));
    const data = keyboard.flat().map((button) => ('callback_data' in button ? button.callback_data : ''));
    expect(data).toEqual(expect.arrayContaining(['h:u|gb', 'h:u|gr', 'h:u|it', 'h:u|al', 'h:u|other']));
    expect(data.some((value) => value?.startsWith('h:e|'))).toBe(false);
  });

  it("for another country gives the widely working number and no country's own lines", () => {
    const t = i18n.forLanguage('en');
    const { text, keyboard } = urgentView(directory, t, { country: 'OTHER' });
    expect(text).toBe(`${t('helpline:urgent.elsewhere')}\n\n${t('helpline:urgent.exit')}`);
    expect(keyboard.flat().map((button) => 'callback_data' in button && button.callback_data)).toEqual(['h:y|doctor', 'h:m|home', 'h:p', 'h:x']);
  });
});
