import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import { createInboxRepository } from '../../src/storage/inbox-repository.js';
import { createBotService, type BotService } from '../../src/transport/telegram/bot-service.js';
import { fakeClock } from '../support/clock.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { helplineBot } from '../support/helpline-bot.js';
import { command, privateText } from '../support/updates.js';

const services: BotService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.stop(1000);
});

describe.each(PROVIDERS_UNDER_TEST)('handling Telegram updates on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });

  async function webhookBot() {
    const prisma = database.db.prisma;
    for (const table of ['inboxUpdate', 'processedUpdate', 'chatMessage', 'chatSession', 'contact'] as const) {
      await (prisma[table] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
    }
    const h = await helplineBot({ database });
    const inbox = createInboxRepository(prisma, h.identity, h.clock);
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
