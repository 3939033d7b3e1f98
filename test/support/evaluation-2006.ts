/**
 * The 2006 national conference's formal evaluation as a paper-responses file: 50
 * respondents who answered the twelve rated items of the 2006 form (Part 1: 1.1-1.6,
 * Part 2: 2.1-2.6) and whether they planned an action (3.4, 34 said yes), in the item
 * codes of `surveys/event-evaluation`. The 2006 form had no question on organisation,
 * facilitation or venue, so the file has no column for them: they were not asked.
 *
 * Each row of the report is `[count@1] [count@2] [count@3] [count@4] [N/A]`, the five
 * summing to 50, and the report printed count@4 / 50 (N/A in the denominator). The
 * report's own figures (the 2006 conference report, chapter five) that the digest of it
 * keeps are marked `published`: eight of the twelve top-box shares, and the N/A counts
 * behind two of them (1.3: 20 of 50 = 40%, not 20 of 48; 2.2: 41 of 50 = 82%, not 41 of
 * 47). For the other four items (1.2, 2.1, 2.3, 2.4) the digest keeps no figure; their
 * counts here are placeholders that sum to 50 and are not asserted as the report's.
 */
export interface Row2006 {
  code: string;
  /** The 2006 form's item number. */
  item: string;
  counts: readonly [number, number, number, number];
  na: number;
  /** The top-box share the report printed, as a percentage of all 50; null where the digest has none. */
  published: number | null;
}

export const ROWS_2006: readonly Row2006[] = [
  { code: 'obj_expectations', item: '1.1', counts: [0, 3, 23, 24], na: 0, published: 48 },
  { code: 'obj_information', item: '1.2', counts: [0, 2, 26, 22], na: 0, published: null },
  { code: 'obj_skills', item: '1.3', counts: [0, 4, 24, 20], na: 2, published: 40 },
  { code: 'obj_network_gov_civil', item: '1.4', counts: [1, 3, 20, 26], na: 0, published: 52 },
  { code: 'obj_network_regions', item: '1.5', counts: [0, 4, 20, 26], na: 0, published: 52 },
  { code: 'obj_coordination_plans', item: '1.6', counts: [0, 3, 19, 28], na: 0, published: 56 },
  { code: 'proc_presentations', item: '2.1', counts: [0, 2, 22, 26], na: 0, published: null },
  { code: 'proc_interpretation', item: '2.2', counts: [0, 1, 5, 41], na: 3, published: 82 },
  { code: 'proc_group_work', item: '2.3', counts: [0, 2, 18, 30], na: 0, published: null },
  { code: 'proc_materials', item: '2.4', counts: [0, 3, 21, 26], na: 0, published: null },
  { code: 'proc_time', item: '2.5', counts: [0, 2, 14, 34], na: 0, published: 68 },
  { code: 'proc_discussion', item: '2.6', counts: [0, 1, 11, 38], na: 0, published: 76 },
];

export const RESPONDENTS_2006 = 50;
/** 3.4: "Po" (yes) from 34 of the 50. */
export const ACTION_YES_2006 = 34;

/** The 2005 edition's top-box shares the 2006 report compares with (1.1: 39 -> 48, 2.5: 45 -> 68, 2.6: 61 -> 76). */
export const PREVIOUS_2005: Readonly<Record<string, number>> = { obj_expectations: 39, proc_time: 45, proc_discussion: 61 };

/** The previous edition as the file `--previous` reads: `code,top_box_of_all`. */
export const previous2005Csv = (): string => ['code,top_box_of_all', ...Object.entries(PREVIOUS_2005).map(([code, pct]) => `${code},${pct}`)].join('\n');

/**
 * The answers of one item spread over the 50 respondents: each respondent gets the next
 * answer of the item's list, the lists rotated by item so that a respondent's answers
 * differ from item to item as on real forms. Counts per item are exactly the row's.
 */
function column(row: Row2006, offset: number): string[] {
  const cells = [...row.counts.flatMap((n, index) => Array<string>(n).fill(String(index + 1))), ...Array<string>(row.na).fill('NA')];
  if (cells.length !== RESPONDENTS_2006) throw new Error(`row ${row.item} has ${cells.length} answers, not ${RESPONDENTS_2006}`);
  return cells.map((_, index) => cells[(index + offset) % cells.length] as string);
}

/** The paper file as CSV: `respondent`, the twelve items, `action_planned` (yes/no). */
export function paper2006Csv(): string {
  const columns = ROWS_2006.map((row, index) => column(row, index * 7));
  const header = ['respondent', ...ROWS_2006.map((row) => row.code), 'action_planned'];
  const lines = Array.from({ length: RESPONDENTS_2006 }, (_, respondent) => [
    `2006-${String(respondent + 1).padStart(2, '0')}`,
    ...columns.map((cells) => cells[respondent]),
    respondent < ACTION_YES_2006 ? 'yes' : 'no',
  ]);
  return [header, ...lines].map((line) => line.join(',')).join('\n');
}
