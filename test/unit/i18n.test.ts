import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n, LANGUAGES, LOCALES_DIR, pickLanguage } from '../../src/i18n/index.js';

const flatten = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([key, inner]) => flatten(inner, `${prefix}${key}.`)) : [prefix.slice(0, -1)];

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
    expect(i18n.t('en', 'helpline:notice.text', { days: 30 })).toContain('for 30 days after your last conversation');
    // Said before Ura knows where the person is: no one country's police number.
    expect(i18n.forLanguage('en')('common:errors.generic')).toMatch(/If you are in danger now, call the emergency number of the country you are in \(112/);
  });
});

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
/** Every text of a locale file, by `file:key`. */
const textsOf = (language: string, file: string): [string, string][] => {
  const walk = (value: unknown, prefix: string): [string, string][] =>
    typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([key, inner]) => walk(inner, `${prefix}${prefix.endsWith(':') ? '' : '.'}${key}`)) : [[prefix, String(value)]];
  return walk(JSON.parse(readFileSync(join(LOCALES_DIR, language, file), 'utf8')), `${file}:`);
};
/** The files whose wording is the helpline's own (the flows' and directory's texts are written elsewhere). */
const OWN_FILES = [
  'bot.json',
  'common.json',
  'events.json',
  'flows.json',
  'handoff.json',
  'helpline.json',
  'invite.json',
  'surveys.event-evaluation.json',
  'surveys.service-feedback.json',
  'surveys.training-evaluation.json',
];

describe('the first notice', () => {
  const i18n = createI18n();
  it.each(LANGUAGES)('%s: is short, and says what is kept (with /privacy) and how to leave at once', (language) => {
    const notice = i18n.t(language, 'helpline:notice.text', { days: 30 });
    expect(words(notice)).toBeLessThanOrEqual(language === 'en' ? 40 : 45);
    expect(notice).toContain('/privacy');
    expect(notice).toContain('30');
    expect(notice).toContain(i18n.t(language, 'bot:buttons.exit'));
  });
});

describe('what the exit is said to do', () => {
  const i18n = createI18n();
  it.each(LANGUAGES)('%s: the 48 hours it can delete, in the safety tips and the privacy screen, and never that nothing is lost', (language) => {
    for (const key of ['helpline:safety.tips', 'helpline:privacy.text']) expect(i18n.t(language, key, { days: 30 })).toMatch(/48/);
    const nothingLost = { en: /nothing is lost/, sq: /asgjë nuk humbet/, it: /non si perde nulla/, el: /δεν χάνεται τίποτα/ }[language];
    expect(i18n.t(language, 'helpline:safety.tips')).not.toMatch(nothingLost);
    expect(i18n.t(language, 'helpline:safety.tips')).toContain('/start');
  });

  it.each(LANGUAGES)("%s: the privacy screen says that confidentiality ends where a child is at risk, with the young person's question answered", (language) => {
    const privacy = i18n.t(language, 'helpline:privacy.text', { days: 30 });
    expect(privacy).toContain(i18n.t(language, 'helpline:person.limits_young').split(/[»”]/)[0]!.slice(1));
  });
});

describe('Albanian copy', () => {
  const ownEntries = OWN_FILES.flatMap((file) => textsOf('sq', file));
  const own = ownEntries.map(([, text]) => text);
  const i18n = createI18n();

  it("has no gender slashes (i/e) in any Albanian text, the flows' and indicators' included", () => {
    // urgent.json holds match patterns, where a slash separates alternatives.
    const files = readdirSync(join(LOCALES_DIR, 'sq')).filter((file) => file.endsWith('.json') && file !== 'urgent.json');
    const texts = files.flatMap((file) => textsOf('sq', file));
    expect(texts.filter(([, text]) => /\b(i|e)\/(e|E)\b|\w\/e\b/.test(text)).map(([key]) => key)).toEqual([]);
  });

  it('speaks to adults as ju, and to a young person as ti only where a young person is addressed', () => {
    const youngAddressed = ['helpline.json:person.limits_young', 'helpline.json:privacy.text'];
    const ti = /\b(je|ke|yt|yti|tënd|tënde|jote|jesh|ty|shkrove)\b/i;
    expect(ownEntries.filter(([key, text]) => !youngAddressed.includes(key) && ti.test(text)).map(([key]) => key)).toEqual([]);
    expect(i18n.t('sq', 'helpline:person.limits_young')).toMatch(/nëse je në rrezik/);
    // In the privacy screen only the paragraph for under-18s says ti.
    const privacy = i18n.t('sq', 'helpline:privacy.text', { days: 30 }).split('\n\n');
    expect(privacy.filter((paragraph) => ti.test(paragraph))).toEqual([expect.stringMatching(/^Je nën 18 vjeç\?/)]);
  });

  it('says what it means: "delete my data", a safe question about talking now, an action that cannot be undone, a username', () => {
    expect(i18n.t('sq', 'bot:commands.delete')).toBe('Fshi të dhënat e mia');
    expect(i18n.t('sq', 'helpline:safety.text')).toBe('A mund të flisni tani pa rrezik?');
    expect(i18n.t('sq', 'helpline:safety.not_really')).toBe('Jo plotësisht');
    expect(i18n.t('sq', 'helpline:delete.confirm')).toContain('Ky veprim nuk mund të zhbëhet.');
    expect(i18n.t('sq', 'helpline:privacy.text', { days: 30 })).toContain('emrit të përdoruesit');
    expect(own.filter((text) => /Fshij të dhënat|Jo vërtet|Kjo nuk mund të kthehet|\bpërdoruesin\b|, përdoruesit|më ruajnë/.test(text))).toEqual([]);
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
