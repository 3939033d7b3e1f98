import { afterEach, describe, expect, it } from 'vitest';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import { createLogger } from '../../src/shared/logger.js';
import { createInboxRepository } from '../../src/storage/inbox-repository.js';
import { helplineButton } from '../../src/transport/telegram/helpline-buttons.js';
import { createBotService, type BotService } from '../../src/transport/telegram/bot-service.js';
import { fakeClock } from '../support/clock.js';
import { testConfig } from '../support/config.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { helplineBot } from '../support/helpline-bot.js';
import { callbackQuery, command, privateText } from '../support/updates.js';

const services: BotService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.stop(1000);
});

describe.each(PROVIDERS_UNDER_TEST)('handling Telegram updates on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });

  /** A webhook bot on the suite's database; `another`: a second process on the same data, which it does not clear. */
  async function webhookBot(options: { another?: boolean } = {}) {
    const prisma = database.db.prisma;
    if (!options.another) {
      for (const table of ['inboxUpdate', 'processedUpdate', 'chatMessage', 'chatSession', 'contact'] as const) {
        await (prisma[table] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
      }
    }
    const inbox = createInboxRepository(prisma, createIdentityProtector(testConfig().secrets), fakeClock('2026-06-01T09:00:00Z'));
    const h = await helplineBot({ database, claims: inbox });
    const service = createBotService({
      bot: h.bot,
      mode: 'webhook',
      i18n: h.i18n,
      logger: createLogger('silent'),
      inbox,
      webhook: { url: 'https://ura.example/telegram/webhook', secret: 's'.repeat(16) },
    });
    services.push(service);
    service.start();
    await expect.poll(() => service.status().state).toBe('running');
    return { h, inbox, service };
  }

  it.skipIf(skip)('answers an update Telegram delivers again only once: the person gets one reply', async () => {
    const { h, service } = await webhookBot();
    const start = command('start', '', { userId: 71_001 });
    expect(await service.dispatch(start)).toBe('handled');
    const once = h.sentCount();
    expect(once).toBe(1);
    // Telegram did not see the answer (a timeout, a restart) and delivers it again.
    expect(await service.dispatch(start)).toBe('handled');
    expect(await service.dispatch(structuredClone(start))).toBe('handled');
    expect(h.sentCount()).toBe(once);
    expect(h.textsSince(0)).toEqual([h.i18n.t('sq', 'helpline:language.prompt')]);
  });

  it.skipIf(skip)('apologises for a mistake (not an outage) and answers it handled, so Telegram does not deliver it forever', async () => {
    const { h, service } = await webhookBot();
    // A table gone missing is a mistake in the deployment: it fails the same way every time.
    await database.db.prisma.$executeRawUnsafe('ALTER TABLE "ChatSession" RENAME TO "ChatSessionAway"');
    try {
      expect(await service.dispatch(privateText('hello', { userId: 71_002, languageCode: 'en' }))).toBe('handled');
    } finally {
      await database.db.prisma.$executeRawUnsafe('ALTER TABLE "ChatSessionAway" RENAME TO "ChatSession"');
    }
    expect(h.textsSince(0)).toEqual([h.i18n.t('en', 'common:errors.generic')]);
  });

  it.skipIf(skip)('answers a copy of an update delivered to a second process at the same time once', async () => {
    const a = await webhookBot();
    const b = await webhookBot({ another: true });
    const person = { userId: 71_003 };
    expect(await a.service.dispatch(command('start', '', person))).toBe('handled');
    const before = a.h.sentCount() + b.h.sentCount();
    // The first try runs late (Telegram gave up waiting for its answer) and the copy went to the other process.
    const press = callbackQuery(helplineButton.language('sq'), person);
    expect(await Promise.all([a.service.dispatch(press), b.service.dispatch(structuredClone(press))])).toEqual(['handled', 'handled']);
    expect(a.h.sentCount() + b.h.sentCount()).toBe(before + 1);
  });

  it.skipIf(skip)('handles an update again when its first message did not go out (Telegram failed): the record is taken back', async () => {
    const { h, inbox, service } = await webhookBot();
    let failures = 1;
    h.bot.api.config.use((prev, method, payload, signal) =>
      method === 'sendMessage' && failures-- > 0 ? Promise.resolve({ ok: false, error_code: 502, description: 'Bad Gateway' } as never) : prev(method, payload, signal),
    );
    const start = command('start', '', { userId: 71_004 });
    expect(await service.dispatch(start)).toBe('again');
    expect(await inbox.handled(start.update_id)).toBe(false);
    expect(await service.dispatch(start)).toBe('handled');
    expect(h.textsSince(0)).toEqual([h.i18n.t('sq', 'helpline:language.prompt')]);
  });

  it.skipIf(skip)('keeps fetched updates sealed until handled, then keeps only the id for a day', async () => {
    const prisma = database.db.prisma;
    const { h, inbox } = await webhookBot();
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const repository = createInboxRepository(prisma, h.identity, clock);
    const first = privateText('më ndihmoni', { userId: 7_410_999_001 });
    const second = privateText('jam këtu', { userId: 7_410_999_001 });
    await repository.keep([second, first]);
    await repository.keep([first]); // Telegram sends it again until acknowledged
    expect(await repository.waiting()).toEqual([first, second]);
    const stored = JSON.stringify((await prisma.inboxUpdate.findMany()).map((row) => ({ ...row, updateId: String(row.updateId) })));
    for (const clue of ['7410999001', 'Test', 'më ndihmoni']) expect(stored).not.toContain(clue);

    await repository.markHandled(first.update_id);
    expect(await repository.waiting()).toEqual([second]);
    expect(await inbox.handled(first.update_id)).toBe(true);
    await repository.keep([first]);
    expect(await repository.waiting()).toEqual([second]);

    clock.advance(25 * 60 * 60 * 1000);
    await repository.markHandled(second.update_id);
    expect(await repository.forgetHandled(new Date(clock.now().getTime() - 24 * 60 * 60 * 1000))).toBe(1);
    expect(await repository.handled(first.update_id)).toBe(false);
    expect(await repository.handled(second.update_id)).toBe(true);
  });
});
