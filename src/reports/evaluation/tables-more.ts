import type { Cell, Table } from '../table.js';
import type { Agreement, EvaluationForm, EvaluationReport, ProfileSection } from './model.js';
import { labelled, type NamedTable, number, type TableText, wordingOf } from './table-parts.js';

// The report's tables of open answers, breakdowns, the participant profile and the coders' agreement.

/** Theme counts per open item, and the chosen quotes when there are any. */
export function openTables(report: EvaluationReport, form: EvaluationForm, { t, language }: TableText): NamedTable[] {
  if (report.open.length === 0) return [];
  const open: NamedTable = {
    name: 'open',
    table: {
      title: t('tables.open.title'),
      columns: [labelled(t('columns.code')), labelled(t('columns.item')), labelled(t('columns.answered'), number), labelled(t('columns.theme')), labelled(t('columns.respondents'), number)],
      // An item nobody coded yet still shows how many wrote something.
      rows: report.open.flatMap((item) => {
        const wording = wordingOf(form, item.code, language);
        return item.themes.length === 0 ? [[item.code, wording, item.answered, null, null]] : item.themes.map((theme) => [item.code, wording, item.answered, theme.theme, theme.respondents]);
      }),
      notes: [t('tables.open.note')],
    },
  };
  const quotes = report.open.flatMap((item) => item.quotes.map((quote) => [item.code, wordingOf(form, item.code, language), quote]));
  const quoted: NamedTable = {
    name: 'quotes',
    table: { title: t('tables.quotes.title'), columns: [labelled(t('columns.code')), labelled(t('columns.item')), labelled(t('columns.quote'))], rows: quotes },
  };
  return quotes.length > 0 ? [open, quoted] : [open];
}

/** Top box of all per group, the groups' respondents suppressed where small ("<5", and "x" where withheld). */
export function breakdownTable(report: EvaluationReport, form: EvaluationForm, { t, language }: TableText): Table {
  return {
    title: t('tables.breakdowns.title'),
    columns: [
      labelled(t('columns.by')),
      labelled(t('columns.code')),
      labelled(t('columns.item')),
      labelled(t('columns.group')),
      labelled(t('columns.respondents'), number),
      labelled(t('columns.topBoxOfAll'), number),
    ],
    rows: report.breakdowns.flatMap((breakdown) =>
      breakdown.items.flatMap((item) => item.rows.map((row) => [t(`dimensions.${breakdown.by}`), item.code, wordingOf(form, item.code, language), row.key, row.respondents, row.topBoxOfAll])),
    ),
    notes: [t('tables.breakdowns.note')],
  };
}

/** The event's participant profile as the events area gives it: its columns as its rows name them, the total last. */
export function profileTable(profile: ProfileSection, { t }: TableText): Table {
  const keys = [...new Set([...profile.rows.flatMap((row) => Object.keys(row)), ...Object.keys(profile.total)])];
  const [first] = keys;
  const total: Cell[] = keys.map((key) => profile.total[key] ?? (key === first ? t('values.total') : null));
  return {
    title: t('tables.profile.title'),
    columns: keys.map((key, index) => labelled(t(`profile.${key}`, { defaultValue: key }), index === 0 ? {} : number)),
    rows: [...profile.rows.map((row) => keys.map((key) => row[key] ?? null)), total],
  };
}

/** Cohen's kappa per theme and overall, and the answers the two coders coded differently. */
export function agreementTables(agreement: Agreement, form: EvaluationForm, { t, language }: TableText): NamedTable[] {
  const [first, second] = agreement.coders;
  const kappa: NamedTable = {
    name: 'agreement',
    table: {
      title: t('tables.agreement.title', { first, second, answers: agreement.answers }),
      columns: [labelled(t('columns.theme')), labelled(t('columns.kappa'), number), labelled(t('columns.agreementPct'), number)],
      rows: [...agreement.themes.map((theme) => [theme.theme, theme.kappa, theme.agreementPct]), [t('values.overall'), agreement.overall, null]],
      notes: [t('tables.agreement.note')],
    },
  };
  if (agreement.disagreements.length === 0) return [kappa];
  const disagreements: NamedTable = {
    name: 'disagreements',
    table: {
      title: t('tables.disagreements.title'),
      columns: [labelled(t('columns.code')), labelled(t('columns.item')), labelled(t('columns.answer')), labelled(t('columns.theme')), labelled(t('columns.codedBy'))],
      rows: agreement.disagreements.map((row) => [row.item, wordingOf(form, row.item, language), row.answer, row.theme, row.codedBy]),
    },
  };
  return [kappa, disagreements];
}
