import { type AttendanceImport, describeProblem, type EventRecord, eventName, type Expectation, type InviteImport, type RowProblem, sayExpected } from '../events/index.js';
import { createI18n, type Translate } from '../i18n/index.js';

// How `ura events` prints its results in a terminal: English, as every `ura` command.

/** `Name (K7M3PQ)`, the way an organiser recognises an event. */
export const eventLabel = (event: EventRecord): string => `${eventName(event, 'en')} (${event.joinCode})`;

export const eventLine = (event: EventRecord): string =>
  `${event.id}  ${event.joinCode}  ${event.startsOn}  ${event.days} day(s)  ${event.status}  ${eventName(event, 'en')}${event.venue ? `  at ${event.venue}` : ''}`;

let english: Translate | undefined;
/** What was expected, in the English of the events' texts (read once, when a problem is first said). */
const say: Translate = (key, values) => {
  english ??= createI18n().forLanguage('en', 'events');
  return english(key, values);
};
export const expectedText = (expectation: Expectation): string => sayExpected(expectation, say);
export const problemText = (problem: RowProblem): string => describeProblem(problem, say);
const problemLines = (problems: readonly RowProblem[]) => problems.map((problem) => `  ${problemText(problem)}`);
const ignoredLine = (columns: readonly string[]) => (columns.length ? [`Ignored columns: ${columns.join(', ')}.`] : []);

/** Lines for stderr when nothing was imported, naming every problem. */
export const refusalLines = (result: Extract<InviteImport | AttendanceImport, { kind: 'invalid' }>, file: string): string[] => [
  `Nothing imported: ${result.problems.length} problem(s) in ${file}:`,
  ...problemLines(result.problems),
  ...ignoredLine(result.ignoredColumns),
];

export function inviteLines(result: Extract<InviteImport, { kind: 'imported' }>, event: EventRecord): string[] {
  return [
    `Imported ${result.rows} row(s) into ${eventLabel(event)}: ${result.added} invitee(s) added, ${result.updated} updated, ${result.unchanged} unchanged; ${result.organisationsAdded} new organisation(s).`,
    ...(result.notInFile ? [`${result.notInFile} invitee(s) of earlier lists are not in this file; they stay invited.`] : []),
    ...(result.skipped.length ? [`Skipped ${result.skipped.length} row problem(s) (--skip-invalid):`, ...problemLines(result.skipped)] : []),
    ...ignoredLine(result.ignoredColumns),
  ];
}

export function attendanceLines(result: Extract<AttendanceImport, { kind: 'imported' }>, event: EventRecord): string[] {
  const person = (entry: { row: number; name: string; organisation: string }) => `  row ${entry.row}: ${entry.name}, ${entry.organisation}`;
  return [
    `Day ${result.day} of ${eventLabel(event)}: ${result.rows} row(s), ${result.matched} person(s) matched, ${result.recorded} newly recorded present, ${result.alreadyRecorded} already recorded.`,
    ...(result.walkInsAdded.length ? [`Added ${result.walkInsAdded.length} walk-in(s), recorded present:`, ...result.walkInsAdded.map(person)] : []),
    ...(result.unmatched.length
      ? [`${result.unmatched.length} row(s) match nobody on the invitation list (not recorded; fix the spelling, or add them as walk-ins with --add-unmatched):`, ...result.unmatched.map(person)]
      : []),
    ...ignoredLine(result.ignoredColumns),
  ];
}
