import type { PrismaClient as SqliteClient } from './generated/sqlite/client.js';

type AdapterFactory = NonNullable<NonNullable<ConstructorParameters<typeof SqliteClient>[0]>['adapter']>;
type DriverAdapter = Awaited<ReturnType<AdapterFactory['connect']>>;
type DriverTransaction = Awaited<ReturnType<DriverAdapter['startTransaction']>>;

/**
 * The better-sqlite3 adapter runs everything on one connection and makes transactions
 * wait for each other, but not the queries outside them: a query of another update
 * that runs while a transaction is open runs inside it. It reads what is not yet
 * committed, and when the transaction rolls back (a unique violation, two walk-ins
 * naming the same new organisation at once) its write is undone with it, silently.
 * Here a query outside a transaction waits until no transaction is open or waiting;
 * queries inside one go straight through. (PostgreSQL gives each transaction a
 * connection of its own and needs none of this.)
 */
export function isolatingTransactions(adapter: DriverAdapter): DriverAdapter & { whenIdle(): Promise<void> } {
  let open = 0;
  let idle: Promise<void> = Promise.resolve();
  let wake = () => {};
  const hold = () => {
    if (open++ === 0) idle = new Promise((resolve) => (wake = resolve));
  };
  const release = () => {
    if (--open === 0) wake();
  };
  const whenIdle = async () => {
    while (open > 0) await idle;
  };

  function ending(transaction: DriverTransaction): DriverTransaction {
    let ended = false;
    const end = () => {
      if (!ended) (ended = true), release();
    };
    return {
      provider: transaction.provider,
      adapterName: transaction.adapterName,
      options: transaction.options,
      queryRaw: (query) => transaction.queryRaw(query),
      executeRaw: (query) => transaction.executeRaw(query),
      commit: () => transaction.commit().finally(end),
      rollback: () => transaction.rollback().finally(end),
    };
  }

  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: async (query) => (await whenIdle(), adapter.queryRaw(query)),
    executeRaw: async (query) => (await whenIdle(), adapter.executeRaw(query)),
    executeScript: async (script) => (await whenIdle(), adapter.executeScript(script)),
    dispose: () => adapter.dispose(),
    /** For statements that bypass this adapter on the same connection (hot-path.ts): resolves once no transaction is open or waiting. */
    whenIdle,
    // Held from the moment it is asked for: a query that slipped in between its BEGIN and this call's return would be inside it.
    async startTransaction(isolationLevel) {
      hold();
      try {
        return ending(await adapter.startTransaction(isolationLevel));
      } catch (error) {
        release();
        throw error;
      }
    },
  };
}
