import { describe, expect, it } from 'vitest';
import { createBoard, type BoardSnapshot } from '../../src/events/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { createBoardFeed, type BoardListener, type FeedTimer } from '../../src/transport/http/board-feed.js';
import { eventRecord, fakeBoardParts, handsPoll, runningCafe } from '../support/board.js';
import { fakeClock } from '../support/clock.js';

/** A timer fired by the test: what the feed scheduled runs only when `fire` says so. */
function manualTimer() {
  let pending: { fn: () => Promise<void>; ms: number }[] = [];
  const timer: FeedTimer = (fn, ms) => {
    const entry = { fn, ms };
    pending.push(entry);
    return () => void (pending = pending.filter((other) => other !== entry));
  };
  return {
    timer,
    pending: () => pending.map((entry) => entry.ms),
    /** Runs every scheduled read (as the time passing would) and waits for them. */
    async fire() {
      const due = pending;
      pending = [];
      await Promise.all(due.map((entry) => entry.fn()));
    },
  };
}

/** What one screen received. */
function screen(): BoardListener & { boards: { board: BoardSnapshot; now: string }[]; heartbeats: number; ended: boolean } {
  const received = { boards: [] as { board: BoardSnapshot; now: string }[], heartbeats: 0, ended: false };
  return Object.assign(received, {
    board: (message: string) => void received.boards.push(JSON.parse(message)),
    heartbeat: () => void (received.heartbeats += 1),
    end: () => void (received.ended = true),
  });
}

function setUp(options: { failing?: boolean } = {}) {
  const clock = fakeClock('2026-11-20T10:00:00Z');
  const { parts, state } = fakeBoardParts(eventRecord(), runningCafe(new Date('2026-11-20T10:20:00Z')), [handsPoll(3, 1)]);
  const board = createBoard(parts);
  const source = { snapshot: async (eventId: string) => (options.failing ? Promise.reject(new Error('database away')) : board.snapshot(eventId)) };
  const timer = manualTimer();
  const feed = createBoardFeed({ source, clock, logger: createLogger('silent'), timer: timer.timer, pollMs: 2000, heartbeatMs: 20_000 });
  return { clock, state, timer, feed };
}

describe('the board streams of one process', () => {
  it('sends the board to a new screen at its first read, with the server’s time to count down against', async () => {
    const { feed, timer } = setUp();
    const one = screen();
    feed.subscribe('ev-2026', one);
    expect(timer.pending()).toEqual([0]);
    await timer.fire();
    expect(one.boards).toHaveLength(1);
    expect(one.boards[0]?.board.round?.number).toBe(2);
    expect(one.boards[0]?.now).toBe('2026-11-20T10:00:00.000Z');
    expect(timer.pending()).toEqual([2000]);
  });

  it('pushes only when the board changed, to every screen, reading it once per turn however many watch', async () => {
    const { feed, timer, state, clock } = setUp();
    const screens = [screen(), screen(), screen()];
    feed.subscribe('ev-2026', screens[0]!);
    await timer.fire();
    // Screens that come later get the board at once, from what this process read.
    feed.subscribe('ev-2026', screens[1]!);
    feed.subscribe('ev-2026', screens[2]!);
    expect(screens.map((one) => one.boards.length)).toEqual([1, 1, 1]);
    expect(state.reads).toBe(1);

    clock.advance(2000);
    await timer.fire();
    expect(screens.map((one) => one.boards.length)).toEqual([1, 1, 1]);
    expect(state.reads).toBe(2);

    // Another process recorded votes: the next read sees them and every screen gets the new counts.
    state.polls = [handsPoll(9, 2)];
    clock.advance(2000);
    await timer.fire();
    expect(state.reads).toBe(3);
    for (const one of screens) {
      expect(one.boards).toHaveLength(2);
      expect(one.boards[1]?.board.polls[0]?.options.map((option) => option.count)).toEqual([9, 2]);
    }
  });

  it('sends a heartbeat when nothing changed for a while, and nothing in between', async () => {
    const { feed, timer, clock } = setUp();
    const one = screen();
    feed.subscribe('ev-2026', one);
    await timer.fire();
    for (let turn = 0; turn < 9; turn++) {
      clock.advance(2000);
      await timer.fire();
    }
    expect(one.heartbeats).toBe(0);
    clock.advance(2000);
    await timer.fire();
    expect(one.heartbeats).toBe(1);
    expect(one.boards).toHaveLength(1);
  });

  it('stops reading when the last screen leaves, and starts again for the next', async () => {
    const { feed, timer, state } = setUp();
    const one = screen();
    const two = screen();
    const leaveOne = feed.subscribe('ev-2026', one);
    const leaveTwo = feed.subscribe('ev-2026', two);
    await timer.fire();
    leaveOne();
    expect(feed.watched()).toEqual(['ev-2026']);
    leaveTwo();
    expect(feed.watched()).toEqual([]);
    expect(timer.pending()).toEqual([]);
    const reads = state.reads;
    await timer.fire();
    expect(state.reads).toBe(reads);

    const three = screen();
    feed.subscribe('ev-2026', three);
    await timer.fire();
    expect(three.boards).toHaveLength(1);
    expect(one.boards).toHaveLength(1);
  });

  it('keeps the screens as they are while the board cannot be read, and tries again at the next turn', async () => {
    const { feed, timer } = setUp({ failing: true });
    const one = screen();
    feed.subscribe('ev-2026', one);
    await timer.fire();
    expect(one.boards).toEqual([]);
    expect(timer.pending()).toEqual([2000]);
  });

  it('ends every stream when Ura stops', async () => {
    const { feed, timer } = setUp();
    const one = screen();
    feed.subscribe('ev-2026', one);
    await timer.fire();
    feed.close();
    expect(one.ended).toBe(true);
    expect(feed.watched()).toEqual([]);
    expect(timer.pending()).toEqual([]);
    // A screen that connects while Ura stops is ended at once rather than keeping the server open.
    const late = screen();
    feed.subscribe('ev-2026', late);
    expect(late.ended).toBe(true);
    expect(feed.watched()).toEqual([]);
    expect(timer.pending()).toEqual([]);
  });
});
