import { Board } from './board.js';
import { below, type Random } from './random.js';

/**
 * The local search of the planner, on a board whose rounds from `first` on are seated.
 * `repair` is a min-conflicts tabu search (as in "Scheduling social golfers locally"):
 * take a traveller in conflict (back at a table, next to a forbidden partner, or meeting
 * someone again), make the best swap with a traveller at another table of that round,
 * and forbid undoing it for a few steps so that the search leaves local minima; the best
 * board seen is kept. `polish` then takes only swaps that lower the cost (the spread of
 * organisation types and regions, once conflicts are gone).
 * Every budget is a number of steps, never a time, so that a seed gives one plan.
 */

const REPAIR_STEPS = 5_000;
/**
 * About how many seat visits the repair may make: a step looks at every seat of the rounds
 * to plan, so big rooms with many rounds and repeats that cannot be avoided (1,000 people
 * at tables of 20 for 20 rounds) take fewer steps, a second or two rather than half a minute.
 */
const REPAIR_WORK = 100_000_000;
const POLISH_STEPS = 200_000;

const present = (board: Board, round: number, travellers: readonly number[]) => travellers.filter((person) => board.tableOf(round, person) >= 0);

/**
 * A swap of `a` and `b` in `round`, and with it, where there is one, the same swap in the
 * round where each sits at the other's table: together they leave every traveller's
 * table visits as they were, which a single swap cannot when travellers visit most of
 * the tables (as many rounds as tables). Answers the better of the two and its rounds.
 */
function moveOf(board: Board, round: number, a: number, b: number): { delta: number; rounds: number[] } {
  const { first, rounds } = board.problem;
  const simple = board.swapDelta(round, a, b);
  const ta = board.tableOf(round, a);
  const tb = board.tableOf(round, b);
  for (let other = first; other < rounds; other++) {
    if (other === round || board.tableOf(other, a) !== tb || board.tableOf(other, b) !== ta) continue;
    board.swap(round, a, b);
    const both = simple + board.swapDelta(other, a, b);
    board.swap(round, a, b);
    return both < simple ? { delta: both, rounds: [round, other] } : { delta: simple, rounds: [round] };
  }
  return { delta: simple, rounds: [round] };
}

/** 2: back at a table or beside a forbidden partner; 1: meeting someone again; 0: neither. */
function conflictOf(board: Board, round: number, person: number): number {
  const { people, tables, forbidden } = board.problem;
  const table = board.tableOf(round, person);
  if (board.visits[person * tables + table]! > 1) return 2;
  if (forbidden[person]!.some((other) => board.tableOf(round, other) === table)) return 2;
  for (const other of board.members(round, table)) if (board.meet[person * people + other]! > 1) return 1;
  return 0;
}

function snapshot(board: Board): Int32Array {
  return board.at.slice();
}

/** A board seated as `at` says (the rounds before `first` as they are on `board`). */
function rebuild(board: Board, at: Int32Array): Board {
  const { people, rounds } = board.problem;
  const fresh = new Board(board.problem, board.weights);
  for (let round = 0; round < rounds; round++) {
    for (let person = 0; person < people; person++) {
      const table = at[round * people + person]!;
      if (table >= 0) fresh.place(round, person, table);
    }
  }
  return fresh;
}

export function repair(start: Board, travellers: readonly number[], random: Random): Board {
  let board = start;
  const { first, rounds, people, tables } = board.problem;
  if (board.conflicts === 0 || first >= rounds) return board;
  const seated = Array.from({ length: rounds }, (_, round) => (round < first ? [] : present(board, round, travellers)));
  const tabu = new Map<number, number>();
  const key = (round: number, person: number, table: number) => (round * people + person) * tables + table;
  let best = board.cost;
  let bestAt = snapshot(board);
  const seats = seated.reduce((sum, list) => sum + list.length, 0) * Math.max(1, people / board.problem.open);
  const steps = Math.min(REPAIR_STEPS, Math.ceil(REPAIR_WORK / seats));
  for (let step = 0; step < steps && board.conflicts > 0; step++) {
    // The hard conflicts first: a repeat may be unavoidable, a traveller back at a table rarely is.
    const conflicted: [number, number][] = [];
    let level = 1;
    for (let round = first; round < rounds; round++) {
      for (const person of seated[round]!) {
        const conflict = conflictOf(board, round, person);
        if (conflict > level) [level, conflicted.length] = [conflict, 0];
        if (conflict === level) conflicted.push([round, person]);
      }
    }
    if (conflicted.length === 0) break;
    const [round, a] = conflicted[below(random, conflicted.length)]!;
    const ta = board.tableOf(round, a);
    let choice = -1;
    let choiceMove = { delta: Number.POSITIVE_INFINITY, rounds: [round] };
    let ties = 0;
    for (const b of seated[round]!) {
      const tb = board.tableOf(round, b);
      if (tb === ta) continue;
      const move = moveOf(board, round, a, b);
      const isTabu = (tabu.get(key(round, a, tb)) ?? -1) > step || (tabu.get(key(round, b, ta)) ?? -1) > step;
      if (isTabu && board.cost + move.delta >= best) continue;
      if (move.delta < choiceMove.delta) {
        choice = b;
        choiceMove = move;
        ties = 1;
      } else if (move.delta === choiceMove.delta && below(random, ++ties) === 0) {
        choice = b;
        choiceMove = move;
      }
    }
    if (choice < 0) continue;
    const tb = board.tableOf(round, choice);
    for (const at of choiceMove.rounds) board.swap(at, a, choice);
    const tenure = 8 + below(random, 8);
    tabu.set(key(round, a, ta), step + tenure);
    tabu.set(key(round, choice, tb), step + tenure);
    if (board.cost < best) {
      best = board.cost;
      bestAt = snapshot(board);
    }
  }
  if (board.cost > best) board = rebuild(board, bestAt);
  return board;
}

/** Random swaps within a round, each kept only if it lowers the cost. */
export function polish(board: Board, travellers: readonly number[], random: Random): void {
  const { first, rounds } = board.problem;
  if (first >= rounds) return;
  const seated = Array.from({ length: rounds }, (_, round) => (round < first ? [] : present(board, round, travellers)));
  const steps = Math.min(POLISH_STEPS, 40 * travellers.length * (rounds - first));
  for (let step = 0; step < steps; step++) {
    const round = first + below(random, rounds - first);
    const list = seated[round]!;
    if (list.length < 2) return;
    const a = list[below(random, list.length)]!;
    const b = list[below(random, list.length)]!;
    if (board.tableOf(round, a) === board.tableOf(round, b)) continue;
    const move = moveOf(board, round, a, b);
    if (move.delta < 0) for (const at of move.rounds) board.swap(at, a, b);
  }
}

/**
 * Two travellers exchange their whole itineraries (every round from `first`), kept only
 * if the cost falls. On a design this keeps every pair meeting at most once and every
 * traveller off tables they visited: it only changes who walks which path, so it
 * spreads organisation types and regions and separates forbidden pairs for free.
 */
export function relabel(board: Board, travellers: readonly number[], random: Random): void {
  const { first, rounds } = board.problem;
  if (travellers.length < 2 || first >= rounds) return;
  const steps = Math.min(POLISH_STEPS / (rounds - first), 40 * travellers.length);
  for (let step = 0; step < steps; step++) {
    const a = travellers[below(random, travellers.length)]!;
    const b = travellers[below(random, travellers.length)]!;
    if (a === b) continue;
    const before = board.cost;
    const swapped: number[] = [];
    for (let round = first; round < rounds; round++) {
      if (board.tableOf(round, a) === board.tableOf(round, b)) continue;
      board.swap(round, a, b);
      swapped.push(round);
    }
    if (board.cost >= before) for (const round of swapped.reverse()) board.swap(round, a, b);
  }
}
