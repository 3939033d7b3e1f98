import { describe, expect, it } from 'vitest';
import { cleanName, codeKey, nameKey } from '../../../src/events/normalise.js';

describe('names', () => {
  it('ignore case and spacing, nothing else', () => {
    expect(nameKey('  Qendra\t"Tjetër   Vizion"\n')).toBe('qendra "tjetër vizion"');
    expect(nameKey('QENDRA TJETËR VIZION')).toBe(nameKey('qendra tjetër vizion'));
    expect(nameKey('Qendra Tjeter Vizion')).not.toBe(nameKey('Qendra Tjetër Vizion'));
    expect(nameKey('Ministria e Punës')).not.toBe(nameKey('Ministria e Puneve'));
  });

  it('treat an ë typed as e and a combining diaeresis as the ë it shows', () => {
    expect(nameKey('Tjete\u0308r')).toBe(nameKey('Tjetër'));
    expect(cleanName('Tjete\u0308r')).toBe('Tjetër');
  });

  it('keep the spelling as written, only its spacing cleaned', () => {
    expect(cleanName('  UNICEF   Shqipëri ')).toBe('UNICEF Shqipëri');
  });
});

describe('codes', () => {
  it('drop accents, case and spacing, reading spaces and hyphens as underscores', () => {
    expect(codeKey(' Korçë ')).toBe('korce');
    expect(codeKey('Shkodër')).toBe('shkoder');
    expect(codeKey('Local  gov')).toBe('local_gov');
    expect(codeKey('central-gov')).toBe('central_gov');
  });
});
