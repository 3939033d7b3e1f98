/**
 * A value read back from a text column that must be one of a known list: a row
 * written by an older or newer Ura (or by hand) reads as `fallback`, never as a
 * value the code does not know.
 */
export const storedOneOf = <T extends string>(values: readonly T[], raw: string | null, fallback: T): T => values.find((value) => value === raw) ?? fallback;
