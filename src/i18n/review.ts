import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { FlowProblem } from '../flows/catalog.js';
import { displayPath, readYamlFile, zodPath } from '../shared/files.js';
import { LOCALES_DIR } from './index.js';

/**
 * Each language folder holds a REVIEW.yaml beside its texts, naming every text file with
 * its review status, so that the organisation can see (and record) which texts a native
 * speaker has read. A sidecar keeps the texts themselves pure i18next JSON.
 */
export const REVIEW_FILE = 'REVIEW.yaml';

const reviewEntrySchema = z.discriminatedUnion(
  'status',
  [
    z.strictObject({ status: z.literal('machine_draft'), note: z.string().min(1).optional() }),
    z.strictObject({
      status: z.literal('reviewed'),
      /** Who read it: a name or a role, and the organisation. */
      by: z.string().trim().min(1),
      on: z.iso.date({ message: 'the date of the review, as YYYY-MM-DD' }),
      note: z.string().min(1).optional(),
    }),
  ],
  { error: 'status must be machine_draft, or reviewed (with by and on)' },
);
// Entries are checked one by one, so that one bad entry does not hide which files lack a status.
const reviewFileSchema = z.record(z.string().regex(/\.json$/, 'name a text file, e.g. bot.json'), z.unknown());

export type ReviewEntry = z.infer<typeof reviewEntrySchema>;

export interface LanguageReview {
  language: string;
  /** Every text file of the language with its status, by file name. */
  files: Record<string, ReviewEntry>;
}

/** Reads every language's REVIEW.yaml; a file without a status, or a status for no file, is a problem. */
export function readReviews(dir: string = LOCALES_DIR): { reviews: LanguageReview[]; problems: FlowProblem[] } {
  const problems: FlowProblem[] = [];
  const reviews: LanguageReview[] = [];
  const languages = readdirSync(dir)
    .filter((entry) => statSync(join(dir, entry)).isDirectory())
    .sort();
  for (const language of languages) {
    const file = join(dir, language, REVIEW_FILE);
    const report = (path: string, message: string) => problems.push({ file: displayPath(file), path, message });
    if (!existsSync(file)) {
      report('', 'is missing: list every text file of the language with its review status');
      continue;
    }
    const named = readYamlFile(file, reviewFileSchema, report);
    if (!named) continue;
    const files: Record<string, ReviewEntry> = {};
    for (const [name, value] of Object.entries(named)) {
      const parsed = reviewEntrySchema.safeParse(value);
      if (parsed.success) files[name] = parsed.data;
      else for (const issue of parsed.error.issues) report(zodPath(issue.path, name), issue.message);
    }
    const texts = readdirSync(join(dir, language)).filter((name) => name.endsWith('.json'));
    for (const text of texts) if (!(text in named)) report(text, 'has no review status (machine_draft, or reviewed with by and on)');
    for (const name of Object.keys(named)) if (!texts.includes(name)) report(name, `names a file that is not in locales/${language}`);
    reviews.push({ language, files });
  }
  return { reviews, problems };
}

/** One line per language for `ura flows check`: what is still a machine draft, and who reviewed what, when. */
export function describeReview(review: LanguageReview): string {
  const entries = Object.entries(review.files).sort(([a], [b]) => a.localeCompare(b));
  const drafts = entries.filter(([, entry]) => entry.status === 'machine_draft').map(([name]) => name);
  const reviewed = entries.flatMap(([name, entry]) => (entry.status === 'reviewed' ? [`${name} (${entry.by}, ${entry.on})`] : []));
  const parts = [
    drafts.length === entries.length ? `all ${entries.length} files are machine drafts` : drafts.length > 0 ? `machine drafts: ${drafts.join(', ')}` : '',
    reviewed.length > 0 ? `reviewed: ${reviewed.join('; ')}` : '',
  ].filter(Boolean);
  return `  ${review.language}: ${parts.join('; ')}`;
}
