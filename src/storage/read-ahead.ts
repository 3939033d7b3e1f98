/** The tables the first reads of an update cover (first-reads.ts), by the key each is read by. */
export type AheadKind = 'session' | 'operator' | 'contact' | 'conversation';

type Row = Record<string, unknown>;

/**
 * Rows read ahead for the update in hand, each taken at most once by the repository
 * read it stands for, instead of that read (an empty list: read ahead, and there was
 * none). A repository that writes a row drops what was read ahead of it, so a later
 * read in the same update reads the database again. Whatever is left when the update
 * ends is released. Updates of one chat run one after another (sequentialize), so two
 * updates never hold the same chat's rows at once.
 */
export interface ReadAhead {
  put(kind: AheadKind, key: string, rows: Row[]): void;
  /** The rows read ahead for `key`, once; undefined when none are held (read the database). */
  take(kind: AheadKind, key: string): Row[] | undefined;
  drop(kind: AheadKind, key: string): void;
  /** Drops every row held of `kind` that `matches` (a write by another key, such as an id). */
  dropWhere(kind: AheadKind, matches: (row: Row) => boolean): void;
  /** Drops what `put` left for these keys, if still the same rows. */
  release(kind: AheadKind, key: string, rows: Row[]): void;
}

export function createReadAhead(): ReadAhead {
  const held: Record<AheadKind, Map<string, Row[]>> = { session: new Map(), operator: new Map(), contact: new Map(), conversation: new Map() };
  return {
    put: (kind, key, rows) => void held[kind].set(key, rows),
    take(kind, key) {
      const rows = held[kind].get(key);
      if (rows !== undefined) held[kind].delete(key);
      return rows;
    },
    drop: (kind, key) => void held[kind].delete(key),
    dropWhere(kind, matches) {
      for (const [key, rows] of held[kind]) if (rows.some(matches)) held[kind].delete(key);
    },
    release(kind, key, rows) {
      if (held[kind].get(key) === rows) held[kind].delete(key);
    },
  };
}
