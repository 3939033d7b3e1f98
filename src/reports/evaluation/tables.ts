import type { Cell, Table } from '../table.js';
import type { EvaluationForm, EvaluationReport } from './model.js';
import { labelled, type NamedTable, number, type TableText, wordingOf } from './table-parts.js';
import { agreementTables, breakdownTable, openTables, profileTable } from './tables-more.js';

export { EVALUATION_TABLES, type EvaluationTableName, type NamedTable, type TableText } from './table-parts.js';

/**
 * The evaluation report as tables, for CSV, XLSX and the terminal: the same numbers as
 * the JSON (a share not computed is an empty cell, never 0). Column labels and titles are
 * in the `reports` namespace of the language `t` speaks; item wordings in `language`.
 * A section with nothing to show (no choice items, no previous edition) has no table.
 */

function summaryTable(report: EvaluationReport, { t }: TableText): Table {
  const rows: [string, Cell][] = [
    [t('summary.form'), `${report.form.id} v${report.form.version}`],
    [t(`summary.scope.${report.scope.kind}`), report.scope.id],
    [t('summary.responses'), report.responses],
    [t('summary.chat'), report.bySource.chat],
    [t('summary.paper'), report.bySource.paper],
    [t('summary.participants'), report.participants],
    [t('summary.responseRate'), report.responseRate],
    ...(report.previous ? [[t(`summary.previous.${report.previous.kind}`), report.previous.id] as [string, Cell]] : []),
  ];
  return { title: t('tables.summary.title'), columns: [labelled(t('columns.measure')), labelled(t('columns.value'), number)], rows };
}

/** The scale's point codes across items, in the order the form first uses them. */
const pointsOf = (form: EvaluationForm): string[] => [...new Set(form.items.flatMap((item) => (item.kind === 'scale' ? item.points : [])))];

function scaleTable(report: EvaluationReport, form: EvaluationForm, { t, language }: TableText): Table {
  const points = pointsOf(form);
  return {
    title: t('tables.scale.title'),
    columns: [
      labelled(t('columns.code')),
      labelled(t('columns.item')),
      labelled(t('columns.n'), number),
      ...points.map((point) => labelled(t('columns.point', { point }), number)),
      labelled(t('columns.na'), number),
      labelled(t('columns.missing'), number),
      labelled(t('columns.mean'), number),
      labelled(t('columns.topBoxOfAll'), number),
      labelled(t('columns.topBoxOfValid'), number),
      labelled(t('columns.topTwoOfAll'), number),
      labelled(t('columns.topTwoOfValid'), number),
    ],
    rows: report.items.map((item) => [
      item.code,
      wordingOf(form, item.code, language),
      item.n,
      ...points.map((point) => item.counts[point] ?? null),
      item.na,
      item.missing,
      item.mean,
      item.topBox.ofAll,
      item.topBox.ofValid,
      item.topTwo.ofAll,
      item.topTwo.ofValid,
    ]),
    notes: [t('tables.scale.note')],
  };
}

function previousTable(report: EvaluationReport, form: EvaluationForm, { t, language }: TableText): Table {
  return {
    title: t('tables.previous.title', { edition: report.previous?.id ?? '' }),
    columns: [
      labelled(t('columns.code')),
      labelled(t('columns.item')),
      labelled(t('columns.topBoxOfAll'), number),
      labelled(t('columns.previousTopBoxOfAll'), number),
      labelled(t('columns.deltaPoints'), number),
      labelled(t('columns.wordingChanged')),
    ],
    rows: report.items.flatMap((item) =>
      item.previous === null
        ? []
        : [
            [
              item.code,
              wordingOf(form, item.code, language),
              item.topBox.ofAll,
              item.previous.topBox.ofAll,
              item.previous.deltaPoints.ofAll,
              t(item.previous.wordingChanged ? 'values.yes' : 'values.no'),
            ],
          ],
    ),
  };
}

function choicesTable(report: EvaluationReport, form: EvaluationForm, { t, language }: TableText): Table {
  const optionLabel = (code: string, option: string): string => {
    const item = form.items.find((candidate) => candidate.code === code);
    return (item?.kind === 'choice' ? item.optionLabels[option]?.[language] : undefined) ?? option;
  };
  return {
    title: t('tables.choices.title'),
    columns: [
      labelled(t('columns.code')),
      labelled(t('columns.item')),
      labelled(t('columns.option')),
      labelled(t('columns.optionLabel')),
      labelled(t('columns.respondents'), number),
      labelled(t('columns.answered'), number),
      labelled(t('columns.missing'), number),
    ],
    rows: report.choices.flatMap((choice) =>
      Object.entries(choice.counts).map(([option, count]) => [choice.code, wordingOf(form, choice.code, language), option, optionLabel(choice.code, option), count, choice.n, choice.missing]),
    ),
  };
}

/** Every table of the report that has something to show, in reading order. */
export function evaluationTables(report: EvaluationReport, form: EvaluationForm, text: TableText): NamedTable[] {
  const tables: (NamedTable | undefined)[] = [
    { name: 'summary', table: summaryTable(report, text) },
    { name: 'scale', table: scaleTable(report, form, text) },
    report.previous ? { name: 'previous', table: previousTable(report, form, text) } : undefined,
    report.choices.length > 0 ? { name: 'choices', table: choicesTable(report, form, text) } : undefined,
    ...openTables(report, form, text),
    report.breakdowns.length > 0 ? { name: 'breakdowns', table: breakdownTable(report, form, text) } : undefined,
    report.profile ? { name: 'profile', table: profileTable(report.profile, text) } : undefined,
    ...(report.agreement ? agreementTables(report.agreement, form, text) : []),
  ];
  return tables.filter((table) => table !== undefined);
}
