import { describe, expect, it } from 'vitest';
import { createUrgentWords } from '../../src/helpline/urgent-words.js';
import { readLocales } from '../../src/i18n/index.js';

const urgent = createUrgentWords(readLocales());

describe('urgent words', () => {
  it.each([
    ['Më morën pasaportën sot', 'passport_taken'],
    ['Puna është mirë, por nuk më lënë të iki', 'not_let_leave'],
    ['me moren pasaporten', 'passport_taken'],
    ['NDIHME!!!', 'help'],
    ['sos', 'help'],
    ['they took my passport yesterday', 'passport_taken'],
    ["I'm in danger", 'danger'],
  ])('finds danger in "%s"', (text, meaning) => {
    const found = urgent.detect(text);
    expect(found).toBeDefined();
    if (meaning !== 'help') expect(found).toBe(meaning);
  });

  it.each(['Përshëndetje, kam një pyetje për punën', 'Where can I study abroad?', 'helpful information', 'sosta'])('stays calm at "%s"', (text) => {
    expect(urgent.detect(text)).toBeUndefined();
  });

  it('looks in every language, whatever language the chat is in', () => {
    expect(urgent.detect('please, më rrahin')).toBe('beaten');
  });
});
