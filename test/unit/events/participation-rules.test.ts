import { describe, expect, it } from 'vitest';
import { freeSeat, parseReport } from '../../../src/events/open-space/topics.js';
import { optionsOf, type Poll, pollInputSchema, ratingMean, shareOf, tally } from '../../../src/events/polls/poll.js';
import { type Dot, freeDot, type GroupAction, groupResults, mergeGroups, overallResults } from '../../../src/events/voting/dots.js';

const at = (minute: number) => new Date(Date.UTC(2026, 5, 2, 10, minute));

describe('polls', () => {
  const poll: Poll = {
    id: 'p1',
    eventId: 'e1',
    kind: 'rating',
    question: { en: 'Information sharing' },
    options: optionsOf({ kind: 'rating', question: { en: 'x' } }, ['sq', 'en'], () => ''),
    status: 'open',
    createdAt: at(0),
    openedAt: at(1),
    closedAt: null,
  };

  it('counts one vote per participant per option, and says nothing of who', () => {
    const votes = [
      { pollId: 'p1', participantId: 'a', choice: 4, at: at(2) },
      { pollId: 'p1', participantId: 'b', choice: 4, at: at(2) },
      { pollId: 'p1', participantId: 'c', choice: 2, at: at(3) },
      { pollId: 'p2', participantId: 'a', choice: 0, at: at(3) },
      { pollId: 'p1', participantId: 'd', choice: 9, at: at(3) },
    ];
    const result = tally(poll, votes, 132);
    expect(result.options.map((option) => option.count)).toEqual([0, 0, 1, 0, 2]);
    expect(result.options[0]!.label).toEqual({ sq: '1', en: '1' });
    expect(result).toMatchObject({ voters: 3, checkedIn: 132, status: 'open' });
    expect(JSON.stringify(result)).not.toMatch(/"a"|"b"|"c"/);
    expect(ratingMean(result)).toBe(4.33);
  });

  it('gives shares of the checked-in participants, as the 2006 show of hands (about 75%) would be read', () => {
    expect(shareOf(99, 132)).toBe(75);
    expect(shareOf(2, 3)).toBe(66.7);
    expect(shareOf(1, 0)).toBeNull();
  });

  it('stores yes and no in every language of the event, and refuses a single choice without two options', () => {
    const label = (language: string, key: 'yes' | 'no') => `${language}:${key}`;
    expect(optionsOf({ kind: 'yes_no', question: { en: 'x' } }, ['sq', 'en'], label)).toEqual([
      { sq: 'sq:yes', en: 'en:yes' },
      { sq: 'sq:no', en: 'en:no' },
    ]);
    expect(pollInputSchema.safeParse({ kind: 'single', question: { en: 'Which?' }, options: [{ en: 'Only one' }] }).success).toBe(false);
    expect(pollInputSchema.safeParse({ kind: 'yes_no', question: { en: '  ' } }).success).toBe(false);
    expect(pollInputSchema.safeParse({ kind: 'yes_no', question: {} }).success).toBe(false);
  });
});

describe('group work', () => {
  it('merges small counties into one group, as the 2006 groups did (seven groups for twelve counties)', () => {
    let merges = mergeGroups([], ['diber', 'kukes']);
    merges = mergeGroups(merges, ['gjirokaster', 'berat']);
    merges = mergeGroups(merges, ['kukes', 'shkoder']);
    expect(merges).toEqual([
      ['gjirokaster', 'berat'],
      ['diber', 'kukes', 'shkoder'],
    ]);
  });

  it('spends a budget of numbered dots, the lowest free first', () => {
    expect(freeDot([], 5)).toBe(1);
    expect(freeDot([{ slot: 1 }, { slot: 3 }], 5)).toBe(2);
    expect(
      freeDot(
        [1, 2, 3, 4, 5].map((slot) => ({ slot })),
        5,
      ),
    ).toBeUndefined();
  });

  it("ranks each group's actions by dots, keeps every text, and marks the five chosen (ties: the one written first)", () => {
    const actions: GroupAction[] = Array.from({ length: 7 }, (_, i) => ({
      id: `a${i}`,
      groupWorkId: 'w',
      groupKey: i < 6 ? 'fier' : 'vlore',
      text: `Action ${i}`,
      participantId: null,
      createdAt: at(i),
    }));
    const dot = (actionId: string, participantId: string, slot: number): Dot => ({ groupWorkId: 'w', participantId, slot, actionId, at: at(10) });
    const dots = [dot('a5', 'p', 1), dot('a5', 'p', 2), dot('a1', 'p', 3), dot('a2', 'q', 1), dot('a3', 'q', 2), dot('a4', 'q', 3), dot('a6', 'r', 1)];
    const [fier, vlore] = groupResults({ merges: [] }, actions, dots);
    expect(fier!.actions.map((action) => [action.text, action.dots, action.chosen])).toEqual([
      ['Action 5', 2, true],
      ['Action 1', 1, true],
      ['Action 2', 1, true],
      ['Action 3', 1, true],
      ['Action 4', 1, true],
      ['Action 0', 0, false],
    ]);
    expect(fier!.voters).toBe(2);
    expect(vlore).toMatchObject({ groupKey: 'vlore', voters: 1 });
    expect(overallResults([fier!, vlore!]).map((action) => action.text)).toHaveLength(7);
  });
});

describe('Open Space', () => {
  it('gives the lowest free seat and refuses one past the capacity', () => {
    expect(freeSeat([{ seat: 2 }], 3)).toBe(1);
    expect(freeSeat([{ seat: 1 }, { seat: 2 }], 2)).toBeUndefined();
    expect(freeSeat([{ seat: 1 }, { seat: 2 }], null)).toBe(3);
  });

  it('reads a report as exactly three answers, numbered or not', () => {
    expect(parseReport('1. Committees meet rarely\n2) They coordinate referrals\n- A plan with deadlines')).toEqual({
      why: 'Committees meet rarely',
      importance: 'They coordinate referrals',
      nextSteps: 'A plan with deadlines',
    });
    expect(parseReport('one\n\ntwo')).toBeUndefined();
    expect(parseReport('one\ntwo\nthree\nfour')).toBeUndefined();
    expect(parseReport(`one\ntwo\n${'x'.repeat(1001)}`)).toBeUndefined();
  });
});
