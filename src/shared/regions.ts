/**
 * The 12 counties (qarqe) of Albania, as plain lower-case codes: what a help-seeker can
 * choose, what the services directory serves, what an event's invitees come from. In
 * the hall because the helpline and the events area both need it and import each other
 * not at all.
 */
export const REGIONS = ['berat', 'diber', 'durres', 'elbasan', 'fier', 'gjirokaster', 'korce', 'kukes', 'lezhe', 'shkoder', 'tirane', 'vlore'] as const;
export type Region = (typeof REGIONS)[number];

const REGION_SET: ReadonlySet<string> = new Set(REGIONS);
export const isRegion = (value: string | null): value is Region => value !== null && REGION_SET.has(value);
