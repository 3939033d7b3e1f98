/**
 * The prefix of each area's buttons (one letter, see `underArea`): each composer reads
 * only its own, so areas never mistake each other's buttons. One list, so that no two
 * areas take the same letter (a test checks). Buttons written before prefixes existed
 * are read by their area's codec too: the helpline's had none, the console's began
 * with `h|`, the invitations' with `v|`.
 */
export const CALLBACK_PREFIX = {
  /** The help-seeking conversation. */
  helpline: 'h',
  /** The operators' console of cases. */
  console: 'o',
  /** Staff invitations. */
  invitations: 'i',
  /** Coordination events: registration, self-service and check-in, the organiser's /event. */
  events: 'e',
  /** Survey runs answered in the chat (evaluations): `s:<run code>|<answer>`. */
  surveys: 's',
  /** Coding an event's open answers, by its organisers: `k:<join code>|<answer>|<ticked>|<what>`. */
  coding: 'k',
} as const;
