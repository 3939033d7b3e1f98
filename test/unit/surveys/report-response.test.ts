import { describe, expect, it } from 'vitest';
import { reportResponseOf } from '../../../src/surveys/index.js';

describe('a stored response as a report reads it', () => {
  it('keeps the answers a form counts, with the source and the items asked, and leaves out numbers and consents', () => {
    expect(
      reportResponseOf({
        source: 'paper',
        asked: ['venue', 'comment'],
        profile: null,
        answers: { venue: { kind: 'na' }, comment: { kind: 'text', value: 'Fine' }, years: { kind: 'number', value: 4 }, ok: { kind: 'consent', agreed: true } },
      }),
    ).toEqual({ source: 'paper', asked: ['venue', 'comment'], answers: { venue: { kind: 'na' }, comment: { kind: 'text', value: 'Fine' } } });
    expect(reportResponseOf({ source: 'chat', asked: null, profile: null, answers: { venue: { kind: 'skipped' }, topics: { kind: 'choices', codes: ['law'] } } })).toEqual({
      source: 'chat',
      answers: { venue: { kind: 'skipped' }, topics: { kind: 'choices', codes: ['law'] } },
    });
  });
});
