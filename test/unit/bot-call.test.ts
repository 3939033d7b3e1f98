import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LEASE_MS, SEND_TIMEOUT_MS } from '../../src/delivery/outbox.js';
import { createBotCall } from '../../src/transport/telegram/bot-call.js';

describe('the outbox’s calls to Telegram', () => {
  /** A Bot API server that accepts every request and never answers. */
  let server: Server;
  let apiRoot: string;
  let received: Promise<void>;
  beforeEach(async () => {
    server = createServer();
    received = new Promise((resolve) => server.once('request', () => resolve()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    vi.useRealTimers();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('abandons a call Telegram never answers once its timeout passes, as a lost connection to retry', async () => {
    const { call } = createBotCall({ token: '123:TEST', apiRoot, timeoutMs: 200 });
    await expect(call('sendMessage', { chat_id: 1, text: 'hello' })).resolves.toMatchObject({ ok: false, code: 0 });
  });

  it('gives up a hanging call before the outbox’s lease on the message passes, so no other sender can send it meanwhile', async () => {
    expect(SEND_TIMEOUT_MS).toBeLessThan(LEASE_MS);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { call } = createBotCall({ token: '123:TEST', apiRoot });
    let answer: unknown;
    const pending = call('sendMessage', { chat_id: 1, text: 'hello' }).then((delivery) => (answer = delivery));
    // The request is out (so its timeout runs) before the clock moves.
    await received;
    await vi.advanceTimersByTimeAsync(SEND_TIMEOUT_MS - 1);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(answer).toMatchObject({ ok: false, code: 0 });
  });
});
