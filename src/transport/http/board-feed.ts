import { createHash } from 'node:crypto';
import type { BoardSnapshot, BoardSource } from '../../events/index.js';
import type { Clock } from '../../shared/clock.js';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

/** How often an event's board is read while someone watches it, and how long a stream may stay silent. */
export const BOARD_POLL_MS = 2000;
export const BOARD_HEARTBEAT_MS = 20_000;

/** One open stream of an event's board. */
export interface BoardListener {
  /** The board as the page receives it: `{ board, now }` as JSON (now: the server's time, to count down against). */
  board(message: string): void;
  /** Nothing changed for a while: a comment keeps proxies from closing the stream. */
  heartbeat(): void;
  /** Ura stops: the stream ends (the browser reconnects to another process, or later). */
  end(): void;
}

/** Runs `fn` after `ms`; returns what cancels it. Tests pass one they fire by hand. */
export type FeedTimer = (fn: () => Promise<void>, ms: number) => () => void;

export const realTimer: FeedTimer = (fn, ms) => {
  const timer = setTimeout(() => void fn(), ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export interface BoardFeedDeps {
  source: BoardSource;
  clock: Clock;
  logger: Logger;
  timer?: FeedTimer;
  pollMs?: number;
  heartbeatMs?: number;
}

interface Channel {
  eventId: string;
  listeners: Set<BoardListener>;
  snapshot?: BoardSnapshot;
  hash?: string;
  sentAt: number;
  cancel?: () => void;
}

export interface BoardFeed {
  /** Sends the board at once (when this process has read it already) and on every change; returns what ends the subscription. */
  subscribe(eventId: string, listener: BoardListener): () => void;
  /** The events this process reads the board of now. */
  watched(): string[];
  /** Ends every stream and stops reading; a stream opened afterwards ends at once. */
  close(): void;
}

/**
 * The boards' streams of one process. The board lives in the database, where any Ura
 * process may change it, so each process reads it again every BOARD_POLL_MS while
 * anyone watches, once per event however many screens watch it, and pushes it when
 * its hash changes. Reading stops with the last screen; a read that fails is logged
 * and tried again at the next turn, the screens keeping what they show.
 */
export function createBoardFeed(deps: BoardFeedDeps): BoardFeed {
  const { source, clock, logger } = deps;
  const timer = deps.timer ?? realTimer;
  const pollMs = deps.pollMs ?? BOARD_POLL_MS;
  const heartbeatMs = deps.heartbeatMs ?? BOARD_HEARTBEAT_MS;
  const channels = new Map<string, Channel>();
  let closed = false;

  const messageOf = (snapshot: BoardSnapshot) => JSON.stringify({ board: snapshot, now: clock.now().toISOString() });
  const each = (channel: Channel, send: (listener: BoardListener) => void) => {
    for (const listener of channel.listeners) {
      try {
        send(listener);
      } catch (error) {
        logger.warn({ err: errorMessage(error) }, 'a board stream could not be written');
      }
    }
  };
  const current = (channel: Channel) => channels.get(channel.eventId) === channel;

  async function poll(channel: Channel): Promise<void> {
    channel.cancel = undefined;
    if (!current(channel)) return;
    try {
      const snapshot = await source.snapshot(channel.eventId);
      const hash = createHash('sha256').update(JSON.stringify(snapshot)).digest('base64url');
      const now = clock.now().getTime();
      if (!current(channel)) return;
      if (hash !== channel.hash) {
        Object.assign(channel, { snapshot, hash, sentAt: now });
        const message = messageOf(snapshot);
        each(channel, (listener) => listener.board(message));
      } else if (now - channel.sentAt >= heartbeatMs) {
        channel.sentAt = now;
        each(channel, (listener) => listener.heartbeat());
      }
    } catch (error) {
      logger.warn({ event: channel.eventId, err: errorMessage(error) }, 'the board could not be read; tried again shortly');
    }
    if (current(channel)) channel.cancel = timer(() => poll(channel), pollMs);
  }

  return {
    subscribe(eventId, listener) {
      // Ura is stopping: a stream that opens now ends at once, so that the server can close.
      if (closed) {
        listener.end();
        return () => undefined;
      }
      let channel = channels.get(eventId);
      if (!channel) {
        channel = { eventId, listeners: new Set(), sentAt: clock.now().getTime() };
        channels.set(eventId, channel);
        const started = channel;
        started.cancel = timer(() => poll(started), 0);
      }
      channel.listeners.add(listener);
      if (channel.snapshot) listener.board(messageOf(channel.snapshot));
      const joined = channel;
      return () => {
        joined.listeners.delete(listener);
        if (joined.listeners.size > 0 || !current(joined)) return;
        joined.cancel?.();
        channels.delete(eventId);
      };
    },
    watched: () => [...channels.keys()],
    close() {
      closed = true;
      for (const channel of channels.values()) {
        channel.cancel?.();
        each(channel, (listener) => listener.end());
      }
      channels.clear();
    },
  };
}
