import { describe, expect, it } from 'vitest';
import { agreementOf, agreementPct, type CoderDecision, kappa } from '../../../src/reports/evaluation/agreement.js';

/** Decisions of two coders on answers r1..rN of item "open", each a list of themes. */
const decisions = (coder: string, themesPerAnswer: string[][]): CoderDecision[] => themesPerAnswer.map((themes, index) => ({ item: 'open', answer: `r${index + 1}`, coder, themes }));

describe("Cohen's kappa", () => {
  it('matches the hand computation of a 2x2 table', () => {
    // a=20 both, b=5 first only, c=10 second only, d=15 neither; n=50.
    // p_o = (20+15)/50 = 0.7; first applied 25/50, second 30/50:
    // p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7-0.5)/(1-0.5) = 0.4.
    expect(kappa({ a: 20, b: 5, c: 10, d: 15 })).toBe(0.4);
    expect(agreementPct({ a: 20, b: 5, c: 10, d: 15 })).toBe(70);
    // a=45 b=15 c=25 d=15; n=100: p_o = 0.6; p_e = 0.6*0.7 + 0.4*0.3 = 0.54; kappa = 0.06/0.46 = 0.1304...
    expect(kappa({ a: 45, b: 15, c: 25, d: 15 })).toBe(0.13);
    // Perfect agreement with both outcomes present: kappa 1.
    expect(kappa({ a: 3, b: 0, c: 0, d: 7 })).toBe(1);
  });

  it('is not defined (null) when chance agreement is certain, though the coders agree fully', () => {
    // Both applied the theme to all 8 answers: p_o = 1, p_e = 1*1 + 0*0 = 1.
    expect(kappa({ a: 8, b: 0, c: 0, d: 0 })).toBeNull();
    expect(agreementPct({ a: 8, b: 0, c: 0, d: 0 })).toBe(100);
    expect(kappa({ a: 0, b: 0, c: 0, d: 5 })).toBeNull();
    expect(kappa({ a: 0, b: 0, c: 0, d: 0 })).toBeNull();
  });
});

describe('agreement between two coders', () => {
  // Four answers, themes trust and data, several themes per answer.
  const anna = decisions('anna', [['trust', 'data'], ['trust'], [], ['data']]);
  const ben = decisions('ben', [['trust'], ['trust'], ['data'], ['data']]);

  it('gives kappa per theme and pooled over themes x answers, computed by hand', () => {
    const agreement = agreementOf({ themes: ['trust', 'data'], decisions: [...anna, ...ben] });
    // trust: r1 both, r2 both, r3 neither, r4 neither -> a=2 b=0 c=0 d=2: p_o=1, p_e=.5*.5+.5*.5=.5, kappa 1.
    // data: r1 anna only (b), r2 neither (d), r3 ben only (c), r4 both (a) -> a=1 b=1 c=1 d=1:
    //   p_o = .5, p_e = .5*.5 + .5*.5 = .5, kappa 0.
    // pooled: a=3 b=1 c=1 d=3, n=8: p_o = 6/8 = .75, p_e = .5*.5 + .5*.5 = .5, kappa = .25/.5 = 0.5.
    expect(agreement).toEqual({
      coders: ['anna', 'ben'],
      answers: 4,
      overall: 0.5,
      themes: [
        { theme: 'trust', kappa: 1, agreementPct: 100 },
        { theme: 'data', kappa: 0, agreementPct: 50 },
      ],
      disagreements: [
        { item: 'open', answer: 'r1', theme: 'data', codedBy: 'anna' },
        { item: 'open', answer: 'r3', theme: 'data', codedBy: 'ben' },
      ],
    });
  });

  it('compares only the answers both coded, and leaves resolved disagreements off the list', () => {
    const extra: CoderDecision = { item: 'open', answer: 'r9', coder: 'anna', themes: ['trust'] };
    const agreement = agreementOf({ themes: ['trust', 'data'], decisions: [...anna, ...ben, extra], resolved: [{ item: 'open', answer: 'r1' }] });
    expect(agreement?.answers).toBe(4);
    expect(agreement?.overall).toBe(0.5);
    expect(agreement?.disagreements).toEqual([{ item: 'open', answer: 'r3', theme: 'data', codedBy: 'ben' }]);
  });

  it('says kappa is not defined for a theme both coders applied everywhere, and still pools the rest', () => {
    const agreement = agreementOf({
      themes: ['trust', 'data'],
      decisions: [...decisions('anna', [['trust'], ['trust', 'data']]), ...decisions('ben', [['trust'], ['trust']])],
    });
    expect(agreement?.themes[0]).toEqual({ theme: 'trust', kappa: null, agreementPct: 100 });
    // pooled: trust a=2; data: r1 d, r2 b -> a=2 b=1 c=0 d=1, n=4: p_o=.75, p_e=.75*.5+.25*.5=.5, kappa .5.
    expect(agreement?.overall).toBe(0.5);
  });

  it('is absent with one coder, or two who never coded the same answer', () => {
    expect(agreementOf({ themes: ['trust'], decisions: anna })).toBeNull();
    expect(agreementOf({ themes: ['trust'], decisions: [...anna, { item: 'other', answer: 'r1', coder: 'ben', themes: [] }] })).toBeNull();
  });
});
