/**
 * What a cell or a file should have been, as a code and its values: each reader of a
 * problem says it in its own language, the organiser's page in theirs, the `ura`
 * command in English. The text is `expected.<code>` in the namespace of whoever made the
 * expectation: the translator a reader passes is bound to one area's namespace, and an
 * expectation made elsewhere names its own (`ns`). A value may itself be an expectation
 * (why a file could not be read, inside "a CSV file that can be read").
 */
export interface Expectation<C extends string = string> {
  code: C;
  /** The namespace of the text when it is not the reader's (the shared file reader's are in `common`). */
  ns?: string;
  values?: Readonly<Record<string, string | number | Expectation>>;
}

/** Why a row (or the header, row 1) cannot be taken: where, what it says, and what was expected there. */
export interface RowProblem {
  row: number;
  column: string;
  value: string;
  expected: Expectation;
}

/** Says an expectation: `say(key, values)` is a translator bound to the reader's namespace. */
export function sayExpected(expectation: Expectation, say: (key: string, values: Record<string, string | number>) => string): string {
  const values = Object.fromEntries(Object.entries(expectation.values ?? {}).map(([name, value]) => [name, typeof value === 'object' ? sayExpected(value, say) : value]));
  return say(`${expectation.ns ? `${expectation.ns}:` : ''}expected.${expectation.code}`, values);
}

/** A problem as one line for a terminal: `row 7, org_type "NGO?": expected one of ...`. */
export const describeProblem = (problem: RowProblem, say: (key: string, values: Record<string, string | number>) => string): string =>
  `row ${problem.row}, ${problem.column} ${JSON.stringify(problem.value)}: expected ${sayExpected(problem.expected, say)}`;

/** A column as a spreadsheet names it: A, B, ... Z, AA. */
export const columnLetter = (index: number): string => {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
};
