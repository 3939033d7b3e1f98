import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import { openDatabase } from '../../src/storage/database.js';
import { parseDatabaseUrl } from '../../src/storage/database-url.js';
import { POSTGRES_SKIP_REASON, postgresDatabase, postgresUrl } from '../support/database.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

describe('PostgreSQL connections cut in the middle of a transaction', () => {
  it.skipIf(!postgresUrl)(
    'leave the pool usable: after more cut transactions than the pool has connections, queries work and the database closes',
    async () => {
      if (!postgresUrl) return console.warn(POSTGRES_SKIP_REASON);
      const schemaDb = await postgresDatabase();
      const upstream = new URL(postgresUrl);
      const proxy = await startTcpProxy(upstream.hostname, Number(upstream.port || 5432));
      const url = new URL(schemaDb.url);
      url.port = String(proxy.port);
      const target = parseDatabaseUrl(url.toString(), process.cwd());
      if ('problem' in target) throw new Error(target.problem);
      const db = openDatabase(target, createLogger('silent'));
      try {
        // The pool holds 10 connections; each transaction below loses its connection mid-way.
        for (let cut = 0; cut < 12; cut++) {
          const failed = db.prisma.$transaction(async (tx) => {
            await tx.chatSession.count();
            proxy.reset();
            await tx.chatSession.count();
          });
          await expect(failed).rejects.toThrow();
        }
        const answer = await Promise.race([db.prisma.chatSession.count(), new Promise((done) => setTimeout(() => done('no answer within 20 s'), 20_000))]);
        expect(answer).toBe(0);
        const closed = await Promise.race([db.close().then(() => 'closed'), new Promise((done) => setTimeout(() => done('still open after 10 s'), 10_000))]);
        expect(closed).toBe('closed');
      } finally {
        await proxy.close();
        await schemaDb.dispose();
      }
    },
    90_000,
  );
});
