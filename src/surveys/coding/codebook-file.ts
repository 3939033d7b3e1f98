import { parse } from 'yaml';
import { z } from 'zod';
import type { CodebookTheme } from './model.js';

/**
 * A codebook as organisers write it, in YAML or as a table (CSV or XLSX). YAML:
 *
 *   themes:
 *     - code: trust
 *       label: { sq: Besimi, en: Trust }
 *       definition: { sq: ..., en: ... }
 *       keywords: { sq: [besim], en: [trust] }
 *
 * A table has one row per theme and the columns `code`, `label_<language>`,
 * `definition_<language>` and `keywords_<language>` (keywords separated by `;`).
 * Labels in Albanian and English are required, as the report is published in both.
 * Problems are in English: the `ura` command reports them.
 */

/** Means "no theme applies" where themes are listed, so no theme may be called so. */
export const NO_THEME = 'none';
const REQUIRED_LANGUAGES = ['sq', 'en'];
const MAX_THEMES = 60;

const language = z.string().regex(/^[a-z]{2}$/, 'a language code of two letters');
const texts = (max: number) => z.record(language, z.string().trim().min(1, 'a text').max(max, `at most ${max} characters`));

const themeSchema = z.object({
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_-]{0,29}$/, 'letters a-z, digits, - and _, up to 30 characters')
    .refine((code) => code !== NO_THEME, `"${NO_THEME}" means no theme; choose another code`),
  label: texts(60).refine((labels) => REQUIRED_LANGUAGES.every((lng) => labels[lng]), `a label in ${REQUIRED_LANGUAGES.join(' and ')}`),
  definition: texts(300).default({}),
  keywords: z.record(language, z.array(z.string().trim().min(2, 'at least 2 characters').max(40, 'at most 40 characters')).max(30, 'at most 30 keywords')).default({}),
});

const codebookSchema = z.object({ themes: z.array(themeSchema).min(1, 'at least one theme').max(MAX_THEMES, `at most ${MAX_THEMES} themes`) }).strict();

export type CodebookRead = { themes: CodebookTheme[] } | { problems: string[] };

/** The themes, or every problem with them (a code used twice too); `where` names a problem's place. */
function validated(input: unknown, where: (path: readonly PropertyKey[]) => string): CodebookRead {
  const parsed = codebookSchema.safeParse(input);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => `${where(issue.path)}: ${issue.message}`) };
  const themes = parsed.data.themes.map((theme) => ({ code: theme.code, labels: theme.label, definitions: theme.definition, keywords: theme.keywords }));
  const seen = new Set<string>();
  const problems: string[] = [];
  themes.forEach((theme, index) => {
    if (seen.has(theme.code)) problems.push(`${where(['themes', index, 'code'])}: the code "${theme.code}" is used by an earlier theme`);
    seen.add(theme.code);
  });
  return problems.length > 0 ? { problems } : { themes };
}

export function codebookFromYaml(text: string): CodebookRead {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    return { problems: [`not YAML that can be read: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`] };
  }
  return validated(document, (path) => path.join('.') || 'codebook');
}

const COLUMN = /^(code|label|definition|keywords)(?:_([a-z]{2}))?$/;

/** A codebook from a table's header and rows (row numbers as the spreadsheet shows them). */
export function codebookFromTable(table: { header: readonly string[]; rows: readonly { row: number; cells: readonly string[] }[] }): CodebookRead {
  const columns = table.header.map((name) => COLUMN.exec(name.trim().toLowerCase()));
  const problems = table.header.flatMap((name, index) => {
    const column = columns[index];
    if (!column) return [`column "${name}": not a codebook column (code, label_<language>, definition_<language>, keywords_<language>)`];
    if ((column[1] === 'code') !== (column[2] === undefined)) return [`column "${name}": ${column[1] === 'code' ? 'is just "code"' : `needs a language, e.g. ${column[1]}_sq`}`];
    if (table.header.findIndex((other) => other.trim().toLowerCase() === name.trim().toLowerCase()) !== index) return [`column "${name}": appears twice`];
    return [];
  });
  if (!columns.some((column) => column?.[1] === 'code')) problems.push('the table needs a column "code"');
  if (problems.length > 0) return { problems };
  const themes = table.rows.map(({ cells }) => {
    const theme: { code: string; label: Record<string, string>; definition: Record<string, string>; keywords: Record<string, string[]> } = { code: '', label: {}, definition: {}, keywords: {} };
    columns.forEach((column, index) => {
      const cell = cells[index]?.trim() ?? '';
      const [, kind, lng] = column ?? [];
      if (kind === 'code') theme.code = cell;
      else if (cell === '' || !lng) return;
      else if (kind === 'keywords')
        theme.keywords[lng] = cell
          .split(';')
          .map((word) => word.trim())
          .filter(Boolean);
      else if (kind === 'label' || kind === 'definition') theme[kind][lng] = cell;
    });
    return theme;
  });
  const rowOf = (index: unknown) => (typeof index === 'number' ? table.rows[index]?.row : undefined);
  return validated({ themes }, (path) => {
    const row = rowOf(path[1]);
    if (row === undefined) return 'codebook';
    const field = path.slice(2).map(String);
    return `row ${row}${field.length > 0 ? `, ${field[0] === 'code' ? 'code' : field.join('_')}` : ''}`;
  });
}
