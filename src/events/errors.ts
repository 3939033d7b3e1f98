/**
 * What the events area refuses, by code, for the edge to map: the CLI to a message and
 * exit code, the web side to a status and `{ code, message }`, the bot to a localised text.
 */
export const EVENT_ERROR_CODES = ['event_not_found', 'day_out_of_range', 'participant_not_found', 'invitee_not_found', 'event_closed'] as const;
export type EventErrorCode = (typeof EVENT_ERROR_CODES)[number];

export class EventError extends Error {
  constructor(
    readonly code: EventErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EventError';
  }
}
