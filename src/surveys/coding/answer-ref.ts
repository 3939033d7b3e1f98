import type { CodedResponse, OpenAnswer } from './model.js';

/**
 * The open answers of a response: its text answers with words in them, by item code.
 * Each is named `<first 8 hex digits of the response's random id>-<n>`, n its place among
 * them: short to type, and it leads to no participant (responses name nobody).
 */
export function openAnswersOf(response: CodedResponse): OpenAnswer[] {
  return Object.entries(response.answers)
    .flatMap(([item, answer]) => (answer.kind === 'text' && answer.value.trim() !== '' ? [{ item, text: answer.value.trim() }] : []))
    .sort((a, b) => a.item.localeCompare(b.item))
    .map(({ item, text }, index) => ({ ref: `${response.id.slice(0, 8).toLowerCase()}-${index + 1}`, responseId: response.id, eventId: response.eventId, item, text }));
}

/** A reference's parts, or undefined when it is not shaped like one. */
export function parseAnswerRef(ref: string): { prefix: string; position: number } | undefined {
  const match = /^([0-9a-f]{8})-([1-9][0-9]{0,2})$/.exec(ref.trim().toLowerCase());
  if (!match?.[1] || !match[2]) return undefined;
  return { prefix: match[1], position: Number(match[2]) };
}
