import { describe, expect, it } from 'vitest';
import { createUrgentWords } from '../../src/helpline/urgent-words.js';
import { foldFor, occursIn, parsePattern } from '../../src/helpline/urgent-patterns.js';
import { readLocales } from '../../src/i18n/index.js';

const urgent = createUrgentWords(readLocales());

describe('urgent words', () => {
  it.each([
    ['sq', 'Më morën pasaportën sot', 'danger', 'passport_taken'],
    ['sq', 'ma morën pasaportën', 'danger', 'passport_taken'],
    ['sq', "m'i kanë marrë dokumentet", 'danger', 'passport_taken'],
    ['sq', 'me moren pasaporten', 'danger', 'passport_taken'],
    ['sq', 'më rreh', 'danger', 'beaten'],
    ['sq', "s'më lënë me dalë", 'danger', 'not_let_leave'],
    ['sq', 'po me qojne jashte shtetit', 'danger', 'taken_away'],
    ['sq', 'dua të vras veten', 'self_harm', 'suicide'],
    ['en', 'he beats me', 'danger', 'beaten'],
    ['en', 'I was raped', 'danger', 'sexual_violence'],
    ['en', "I'm in danger", 'danger', 'danger'],
    ['en', 'i want to kill myself', 'self_harm', 'suicide'],
    ['it', 'mi hanno preso il passaporto', 'danger', 'passport_taken'],
    ['it', 'voglio farla finita', 'self_harm', 'suicide'],
    ['el', 'με βίασαν', 'danger', 'sexual_violence'],
    ['el', 'me viasan', 'danger', 'sexual_violence'],
    ['el', 'ΘΈΛΩ ΝΑ ΠΕΘΆΝΩ', 'self_harm', 'suicide'],
    ['el', 'thelo na pethano', 'self_harm', 'suicide'],
  ])('%s: hears danger in "%s" (%s, %s)', (language, text, category, meaning) => {
    expect(urgent.detect(text, language)).toMatchObject({ category, meaning, pattern: expect.any(String) });
  });

  it.each([
    ['en', 'help me find a job'],
    ['en', 'I have my passport with me'],
    ['en', 'being taken care of'],
    ['en', "I can't leave my children"],
    ['en', 'please help'],
    ['en', "I'm not in danger, I just have a question"],
    ['sq', 'Kam nevojë për ndihmë për të gjetur punë'],
    ['sq', 'NDIHME!!!'],
    ['sq', 'më rreh zemra fort'],
    ['sq', 'Përshëndetje, kam një pyetje për punën'],
    ['en', 'sosta'],
    ['it', 'aiuto'],
    ['it', 'mi ammazzo di lavoro'],
    ['el', 'βοήθεια'],
    ['el', 'δεν κινδυνεύω'],
  ])('%s: stays calm at "%s" (help words ask for a person, they are not danger)', (language, text) => {
    expect(urgent.detect(text, language)).toBeUndefined();
  });

  it("listens in the person's language only, so another language's words raise no alarm", () => {
    expect(urgent.detect('please, më rrahin', 'sq')).toMatchObject({ meaning: 'beaten' });
    expect(urgent.detect('please, më rrahin', 'en')).toBeUndefined();
    expect(urgent.detect('they took my passport', 'sq')).toBeUndefined();
    expect(urgent.detect('anything', 'de')).toBeUndefined();
  });

  it('looks for self-harm first, so a threat to oneself is not read as a threat from others', () => {
    expect(urgent.detect('do ta vras veten sonte', 'sq')).toMatchObject({ category: 'self_harm' });
    expect(urgent.detect('do më vrasin', 'sq')).toMatchObject({ category: 'danger', meaning: 'threat_kill' });
  });

  it('names the locale file and entry of a badly written pattern', () => {
    expect(() => createUrgentWords({ en: { urgent: { danger: { beaten: 'hit me | (me)' } } } })).toThrow('locales/en/urgent.json, danger.beaten');
  });
});

describe('the pattern language', () => {
  const words = (language: string, text: string) => foldFor(language, text).split(' ');
  const matches = (language: string, pattern: string, text: string, negations: string[] = []) => occursIn(parsePattern(language, pattern), words(language, text), new Set(negations));

  it('matches words in order and next to each other, ignoring case and punctuation', () => {
    expect(matches('en', 'took my passport', 'They TOOK my passport!')).toBe(true);
    expect(matches('en', 'took my passport', 'my passport, they took')).toBe(false);
    expect(matches('en', 'took my passport', 'took all my passport')).toBe(false);
  });

  it('reads word* as a stem, a/b as alternatives and (word) as optional', () => {
    expect(matches('sq', 'më rrah*', 'më rrahën')).toBe(true);
    expect(matches('sq', "ma/m'i mor*", 'mi moren')).toBe(true);
    expect(matches('en', 'they (have) taken', 'they taken')).toBe(true);
    expect(matches('en', 'they (have) taken', 'they have taken')).toBe(true);
  });

  it('lets ... stand for up to four other words', () => {
    expect(matches('en', 'took ... passport', 'took my phone and my passport')).toBe(true);
    expect(matches('en', 'took ... passport', 'took one two three four five passport')).toBe(false);
  });

  it('refuses a match whose next word is excluded with !', () => {
    expect(matches('sq', 'më rreh* !zemra', 'më rreh zemra')).toBe(false);
    expect(matches('sq', 'më rreh* !zemra', 'më rreh burri')).toBe(true);
    expect(matches('sq', 'më rreh* !zemra', 'më rreh')).toBe(true);
  });

  it('ignores a match right after a negation', () => {
    expect(matches('en', 'in danger', "I'm not in danger", ['not'])).toBe(false);
    expect(matches('en', 'in danger', "I'm in danger", ['not'])).toBe(true);
  });

  it('folds Albanian typed without ë and ç, with q for ç and single rr and ll', () => {
    expect(foldFor('sq', 'Më çojnë')).toBe(foldFor('sq', 'me qojne'));
    expect(foldFor('sq', 'më rrahën')).toBe(foldFor('sq', 'me rahen'));
    expect(foldFor('sq', "s'më lënë")).toBe('sme lene');
  });

  it('folds Greek accents, final sigma and greeklish into one spelling', () => {
    expect(foldFor('el', 'Μου πήραν το διαβατήριο')).toBe(foldFor('el', 'mou piran to diavatirio'));
    expect(foldFor('el', 'αυτοκτονία')).toBe(foldFor('el', 'aftoktonia'));
    expect(foldFor('el', 'θέλω')).toBe(foldFor('el', '8elw'));
    expect(foldFor('el', 'ΤΟΥΣ')).toBe(foldFor('el', 'τους'));
  });

  it('refuses a pattern with nothing required, or an alternative that is not one word', () => {
    expect(() => parsePattern('en', '(maybe) ...')).toThrow('needs at least one word');
    expect(() => parsePattern('en', 'a/b-c')).toThrow('is not one word');
  });
});
