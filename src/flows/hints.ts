import type { Flow } from './schema.js';

/**
 * The register of a flow's shared hints, as its file declares it (`hints`): `young`
 * (a flow that says "ti") reads `flows:hint_young.*` instead of `flows:hint.*`.
 */
export type Hints = Flow['hints'];

/** The text key of a hint in the flow's register; every transport shows hints through it. */
export const hintKey = (hint: string, hints: Hints): string => (hints ? hint.replace(/^flows:hint\./, `flows:hint_${hints}.`) : hint);
