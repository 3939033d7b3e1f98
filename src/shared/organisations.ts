import { REGIONS } from './regions.js';

/**
 * Who a person at an event speaks for, as registration records it and as a form that is
 * not anonymous keeps it beside the answers: the kind of organisation (the 2006 report's
 * five, and other) and where it works. In the hall because the events area records them
 * and the surveys area reports by them, and neither imports the other.
 */
export const ORG_TYPES = ['central_gov', 'local_gov', 'ngo', 'international', 'staff', 'other'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** Where an invitee comes from: one of the 12 counties, the national level, or abroad. */
export const INVITE_REGIONS = [...REGIONS, 'national', 'international'] as const;
export type InviteRegion = (typeof INVITE_REGIONS)[number];
