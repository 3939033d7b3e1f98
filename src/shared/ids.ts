import { randomUUID } from 'node:crypto';

/** Identifiers for stored records: random, so they reveal neither order nor identity. */
export const newId = (): string => randomUUID();
