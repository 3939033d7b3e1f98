import { CONTACT_COLUMNS } from './contact-repository.js';
import { Prisma } from './generated/sqlite/client.js';
import type { HotSql } from './hot-path.js';
import type { AheadKind } from './read-ahead.js';

/** The keys an update of a private chat is read by: its chat's session key, its sender's Telegram id and keyed hash. */
export interface FirstReadKeys {
  chatKey: string;
  telegramId: string;
  idHash: string;
}

/** Reads ahead what an update asks first (see readFirst), and gives a function that releases what it left unread. */
export type ReadFirst = (keys: FirstReadKeys) => Promise<() => void>;

/** Each table's columns as its repository's own read selects them, under an alias `<table>.<column>`. */
const TABLES = [
  { kind: 'session', alias: 's', columns: ['value'] },
  { kind: 'operator', alias: 'o', columns: Object.values(Prisma.OperatorScalarFieldEnum) },
  { kind: 'contact', alias: 'c', columns: CONTACT_COLUMNS },
  { kind: 'conversation', alias: 'v', columns: Object.values(Prisma.ConversationScalarFieldEnum) },
] as const satisfies readonly { kind: AheadKind; alias: string; columns: readonly string[] }[];

const SELECT = `SELECT ${TABLES.flatMap(({ alias, columns }) => columns.map((column) => `${alias}."${column}" AS "${alias}.${column}"`)).join(', ')}
FROM (SELECT 1 AS "one") AS "k"
LEFT JOIN "ChatSession" s ON s."key" = ?
LEFT JOIN "Operator" o ON o."telegramId" = ?
LEFT JOIN "Contact" c ON c."idHash" = ?
LEFT JOIN "Conversation" v ON v."id" = (SELECT "id" FROM "Conversation" WHERE "contactId" = c."id" AND "status" = 'active' ORDER BY "updatedAt" DESC LIMIT 1)`;

/**
 * Every update of a private chat begins with four reads, each by its own repository:
 * the chat's session, the sender as staff, the sender as a contact, and that contact's
 * active conversation. Here they are one statement, whose rows the repositories take
 * instead of reading (hot-path.ts's `ahead`); on PostgreSQL that is one round trip
 * instead of four. The columns and conditions are those of each repository's own read,
 * which stays for every other caller and for anything read after a write.
 */
export function firstReads(sql: HotSql): ReadFirst {
  return async ({ chatKey, telegramId, idHash }) => {
    const [row = {}] = await sql.query<Record<string, unknown>>(SELECT, [chatKey, telegramId, idHash]);
    // Each table's row, or none where its first column (its key) came back empty.
    const rowsOf = (alias: string, columns: readonly string[]) => (row[`${alias}.${columns[0]}`] == null ? [] : [Object.fromEntries(columns.map((column) => [column, row[`${alias}.${column}`]]))]);
    const contactId = row['c.id'];
    const keys: Record<AheadKind, string | undefined> = { session: chatKey, operator: telegramId, contact: idHash, conversation: typeof contactId === 'string' ? contactId : undefined };
    const held = TABLES.flatMap(({ kind, alias, columns }) => {
      const key = keys[kind];
      return key === undefined ? [] : [{ kind, key, rows: rowsOf(alias, columns) }];
    });
    for (const { kind, key, rows } of held) sql.ahead.put(kind, key, rows);
    return () => {
      for (const { kind, key, rows } of held) sql.ahead.release(kind, key, rows);
    };
  };
}
