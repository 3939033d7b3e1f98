/**
 * The flow actions the helpline handles (its chat shows them when a step names them):
 * the services for the person's place, the emergency numbers, the offer of a person.
 * A flow may name only actions some area registers; the loader refuses any other name.
 */
export const HELPLINE_ACTIONS = ['offer_handoff', 'show_services', 'show_emergency'] as const;
export type HelplineAction = (typeof HELPLINE_ACTIONS)[number];
