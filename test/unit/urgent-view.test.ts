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
    for (const [country, phones] of [['IT', ['112', '800290290']], ['GR', ['112']], ['GB', ['999', '08000121700']]] as const) {
      const { text } = urgentView(directory, t, { country, reach: 'paged' });
      for (const phone of phones) expect(text).toContain(`• ${phone}: `);
      expect(text).not.toMatch(/129|116006/);
    }
  });

  it('puts a line about what was heard between the numbers and the word about the team', () => {
    const t = i18n.forLanguage('en');
    const { text } = urgentView(directory, t, { country: 'IT', reach: 'nobody', hint: 'A line for what was heard.' });
    const parts = text.split('\n\n');
    expect(parts.slice(1)).toEqual(['A line for what was heard.', t('handoff:person.nobody_urgent'), t('helpline:urgent.exit')]);
  });

  it('for another country gives the widely working number and no country\'s own lines', () => {
    const t = i18n.forLanguage('en');
    const { text, keyboard } = urgentView(directory, t, { country: 'OTHER' });
    expect(text).toBe(`${t('helpline:urgent.elsewhere')}\n\n${t('helpline:urgent.exit')}`);
    expect(keyboard.flat().map((button) => 'callback_data' in button && button.callback_data)).toEqual(['h:y|doctor', 'h:m|home', 'h:p', 'h:x']);
  });
});
