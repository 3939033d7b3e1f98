import type { UraPrisma } from './database.js';

/**
 * The statements every update of the helpline runs (read the session, the sender as
 * staff, the contact, the active conversation; save the conversation and the session;
 * log each message) are written as SQL through Prisma's `$queryRaw` and `$executeRaw`,
 * not its model queries. They run on the same connection and in the same transactions,
 * come back as the same rows (dates as Date, booleans as boolean on both databases),
 * and one text serves SQLite and PostgreSQL: quoted identifiers, `ON CONFLICT`,
 * `excluded`, `LIMIT`. A model query costs its query compiler about 0.5 ms of CPU
 * each, a raw one about 0.15 ms (measured on the benchmark machine: findUnique 658 µs
 * vs $queryRaw 192 µs on SQLite, 773 vs 237 µs on PostgreSQL), and this path runs six
 * or seven of them per update (`npm run bench -- helpline` counts them). Prisma stays
 * the owner of the schema and the migrations; everywhere else uses its model queries.
 */
type OperatorRow = Awaited<ReturnType<UraPrisma['operator']['findUniqueOrThrow']>>;

/** The staff member with this Telegram id: asked of every update's sender. */
export async function operatorByTelegramId(prisma: UraPrisma, telegramId: string): Promise<OperatorRow | undefined> {
  const [row] = await prisma.$queryRaw<OperatorRow[]>`SELECT * FROM "Operator" WHERE "telegramId" = ${telegramId}`;
  return row;
}
