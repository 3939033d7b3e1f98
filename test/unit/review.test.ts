import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES, LOCALES_DIR } from '../../src/i18n/index.js';
import { describeReview, readReviews, REVIEW_FILE } from '../../src/i18n/review.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A locales folder with one language holding `files`, and the given REVIEW.yaml (none when undefined). */
function locales(files: string[], review: string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'ura-review-'));
  made.push(dir);
  mkdirSync(join(dir, 'sq'));
  for (const file of files) writeFileSync(join(dir, 'sq', file), '{}');
  if (review !== undefined) writeFileSync(join(dir, 'sq', REVIEW_FILE), review);
  return dir;
}

describe('the review status of the texts', () => {
  it('names every shipped text file of every language, all machine drafts until a native speaker reviews them', () => {
    const { reviews, problems } = readReviews();
    expect(problems).toEqual([]);
    expect(reviews.map((review) => review.language).sort()).toEqual([...LANGUAGES].sort());
    for (const review of reviews) {
      const texts = readdirSync(join(LOCALES_DIR, review.language)).filter((name) => name.endsWith('.json'));
      expect(Object.keys(review.files).sort()).toEqual(texts.sort());
      expect(Object.values(review.files).every((entry) => entry.status === 'machine_draft')).toBe(true);
    }
  });

  it('reports a text file without a status, a status for no file, an unknown status, and a review without who or when', () => {
    const dir = locales(
      ['bot.json', 'common.json', 'flows.json', 'invite.json'],
      ['bot.json: { status: machine_draft }', 'common.json: { status: checked }', 'flows.json: { status: reviewed, by: "A. Hoxha, NGO" }', 'gone.json: { status: machine_draft }'].join('\n'),
    );
    const messages = readReviews(dir).problems.map((problem) => `${problem.path}: ${problem.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'common.json.status: status must be machine_draft, or reviewed (with by and on)',
        expect.stringMatching(/^flows\.json\.on: /),
        expect.stringMatching(/^invite\.json: has no review status/),
        expect.stringMatching(/^gone\.json: names a file that is not in locales\/sq/),
      ]),
    );
  });

  it('reports a language without a REVIEW.yaml', () => {
    const { problems } = readReviews(locales(['bot.json'], undefined));
    expect(problems).toEqual([expect.objectContaining({ file: expect.stringMatching(/sq\/REVIEW\.yaml$/), message: expect.stringMatching(/is missing/) })]);
  });

  it('sums up per language which files are drafts and who reviewed which, when', () => {
    const dir = locales(['bot.json', 'common.json'], 'bot.json: { status: machine_draft }\ncommon.json: { status: reviewed, by: "A. Hoxha, NGO", on: 2027-01-15 }\n');
    const { reviews, problems } = readReviews(dir);
    expect(problems).toEqual([]);
    expect(reviews.map(describeReview)).toEqual(['  sq: machine drafts: bot.json; reviewed: common.json (A. Hoxha, NGO, 2027-01-15)']);
  });
});
