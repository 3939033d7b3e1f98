import { describe, expect, it } from 'vitest';
import { type CodebookTheme, type Coding, openAnswersOf, summarise } from '../../../src/surveys/index.js';

const at = new Date('2026-10-21T09:00:00Z');
const theme = (code: string): CodebookTheme => ({ code, labels: { sq: code, en: code }, definitions: {}, keywords: {} });
const response = (id: string, texts: Record<string, string>) => ({
  id,
  runId: 'run',
  formId: 'surveys/event-evaluation',
  eventId: null,
  answers: Object.fromEntries(Object.entries(texts).map(([item, value]) => [item, { kind: 'text' as const, value }])),
});
const coding = (responseId: string, item: string, coder: string, themes: string[]): Coding => ({ responseId, item, coder, themes, codedAt: at });

describe('the coding summary', () => {
  const responses = [
    response('aaaaaaaa-0000', { open_learned: 'Trust and data', open_comments: 'Good' }),
    response('bbbbbbbb-0000', { open_learned: 'Data', open_comments: '   ' }),
    response('cccccccc-0000', { open_learned: 'Shelters' }),
  ];
  const answers = responses.flatMap(openAnswersOf);

  it('names answers by short references, leaving out empty ones', () => {
    expect(answers.map((answer) => `${answer.ref} ${answer.item}`)).toEqual(['aaaaaaaa-1 open_comments', 'aaaaaaaa-2 open_learned', 'bbbbbbbb-1 open_learned', 'cccccccc-1 open_learned']);
  });

  it('counts respondents per theme: both coders, a resolution, or the one coder who coded', () => {
    const summary = summarise({
      themes: ['trust', 'data', 'shelter'].map(theme),
      answers,
      codings: [
        // Both applied trust and data to a's answer: both count.
        coding('aaaaaaaa-0000', 'open_learned', 'anna', ['trust', 'data']),
        coding('aaaaaaaa-0000', 'open_learned', 'ben', ['data', 'trust']),
        // Only Anna saw trust in b's answer, and a resolution said data only.
        coding('bbbbbbbb-0000', 'open_learned', 'anna', ['data', 'trust']),
        coding('bbbbbbbb-0000', 'open_learned', 'ben', ['shelter']),
        // Only Ben coded c's answer: his themes count.
        coding('cccccccc-0000', 'open_learned', 'ben', ['shelter']),
      ],
      resolutions: [{ responseId: 'bbbbbbbb-0000', item: 'open_learned', themes: ['data'], resolvedAt: at }],
      quotes: [{ responseId: 'cccccccc-0000', item: 'open_learned', text: 'More shelters', quotedAt: at }],
    });
    expect(summary.open).toEqual([
      {
        item: 'open_comments',
        themes: [
          { theme: 'trust', respondents: 0 },
          { theme: 'data', respondents: 0 },
          { theme: 'shelter', respondents: 0 },
        ],
        quotes: [],
      },
      {
        item: 'open_learned',
        themes: [
          { theme: 'data', respondents: 2 },
          { theme: 'trust', respondents: 1 },
          { theme: 'shelter', respondents: 1 },
        ],
        quotes: ['More shelters'],
      },
    ]);
    expect(summary.labels.trust).toEqual({ sq: 'trust', en: 'trust' });
    // Resolved: b's disagreements are settled, so none is left to list.
    expect(summary.agreement?.disagreements).toEqual([]);
    expect(summary.agreement?.answers).toBe(2);
  });
});
