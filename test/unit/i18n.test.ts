import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n, LANGUAGES, LOCALES_DIR, pickLanguage } from '../../src/i18n/index.js';

const flatten = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([key, inner]) => flatten(inner, `${prefix}${key}.`))
    : [prefix.slice(0, -1)];

const keysOf = (language: string) =>
  readdirSync(join(LOCALES_DIR, language))
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => flatten(JSON.parse(readFileSync(join(LOCALES_DIR, language, file), 'utf8'))).map((key) => `${file}:${key}`))
    .sort();

describe('locales', () => {
  const languages = readdirSync(LOCALES_DIR).filter((entry) => statSync(join(LOCALES_DIR, entry)).isDirectory());

  it('include Albanian and English', () => {
    expect(languages).toEqual(expect.arrayContaining([...LANGUAGES]));
  });

  it.each(languages)('%s has exactly the keys of sq and en, none empty', (language) => {
    expect(keysOf(language)).toEqual(keysOf('sq'));
    expect(keysOf('en')).toEqual(keysOf('sq'));
    const i18n = createI18n();
    for (const key of keysOf('sq')) {
      const [ns, path] = key.split(':');
      if (LANGUAGES.includes(language as never)) expect(i18n.t(language as 'sq', `${ns?.replace('.json', '')}:${path}`).trim()).not.toBe('');
    }
  });

  it('translate per language', () => {
    const i18n = createI18n();
    expect(i18n.t('en', 'helpline:menu.text')).toBe('How can we help?');
    expect(i18n.t('sq', 'helpline:menu.text')).toBe("Si mund t'ju ndihmojmë?");
    expect(i18n.t('en', 'helpline:notice.text', { days: 30 })).toContain('after 30 days');
    // Said before Ura knows where the person is: no one country's police number.
    expect(i18n.forLanguage('en')('common:errors.generic')).toMatch(/If you are in danger now, call the emergency number of the country you are in \(112/);
  });
});

describe('pickLanguage', () => {
  it('follows the Telegram client for supported languages and falls back to Albanian', () => {
    expect(pickLanguage('en')).toBe('en');
    expect(pickLanguage('en-GB')).toBe('en');
    expect(pickLanguage('sq')).toBe('sq');
    expect(pickLanguage('de')).toBe('sq');
    expect(pickLanguage(undefined)).toBe('sq');
  });
});
