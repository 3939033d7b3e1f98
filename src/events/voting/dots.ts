import type { GroupAttribute } from '../model.js';

/**
 * Group work: checked-in participants regrouped by an attribute (their county, or
 * their organisation's type), each group writing actions and then placing dots on
 * its own actions. The 2006 groups chose five actions each; seven groups covered the
 * twelve counties, so small counties are merged into one group by a facilitator.
 */

export const DEFAULT_DOTS = 5;
export const MAX_DOTS = 20;
/** How many actions of a group are its chosen ones (the 2006 "five key actions"). */
export const CHOSEN_ACTIONS = 5;
export const ACTION_LENGTH = 400;

/** Actions are written, then dots are placed, then the results stand. */
export const GROUP_WORK_STATUSES = ['collecting', 'voting', 'closed'] as const;
export type GroupWorkStatus = (typeof GROUP_WORK_STATUSES)[number];

export interface GroupWork {
  id: string;
  eventId: string;
  groupBy: GroupAttribute;
  dots: number;
  /** Merged groups, each a list of attribute values; the first names the group. Other values are groups of their own. */
  merges: string[][];
  status: GroupWorkStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface GroupAction {
  id: string;
  groupWorkId: string;
  groupKey: string;
  /** As written, never edited. */
  text: string;
  participantId: string | null;
  createdAt: Date;
}

/** One dot: a participant's dots are numbered 1 to the budget. */
export interface Dot {
  groupWorkId: string;
  participantId: string;
  slot: number;
  actionId: string;
  at: Date;
}

/** The group an attribute value belongs to. */
export const groupKeyOf = (merges: readonly (readonly string[])[], value: string): string => merges.find((merge) => merge.includes(value))?.[0] ?? value;

/** The attribute values of a group. */
export const valuesOf = (merges: readonly (readonly string[])[], key: string): string[] => [...(merges.find((merge) => merge[0] === key) ?? [key])];

/** The merges after putting `values` in one group, with every group they were in already. */
export function mergeGroups(merges: readonly (readonly string[])[], values: readonly string[]): string[][] {
  const touched = merges.filter((merge) => merge.some((value) => values.includes(value)));
  const merged = [...new Set([...touched.flat(), ...values])];
  return [...merges.filter((merge) => !touched.includes(merge)).map((merge) => [...merge]), ...(merged.length > 1 ? [merged] : [])];
}

/** The lowest free dot number of a participant, or none when the budget is spent. */
export function freeDot(mine: readonly Pick<Dot, 'slot'>[], budget: number): number | undefined {
  const taken = new Set(mine.map((dot) => dot.slot));
  for (let slot = 1; slot <= budget; slot++) if (!taken.has(slot)) return slot;
  return undefined;
}

export interface ActionResult {
  id: string;
  text: string;
  dots: number;
  /** Participants who placed at least one dot on it. */
  voters: number;
  /** Among the group's CHOSEN_ACTIONS with most dots (ties: the action written first). */
  chosen: boolean;
}

export interface GroupResult {
  groupKey: string;
  values: string[];
  actions: ActionResult[];
  /** Participants who placed at least one dot in the group. */
  voters: number;
}

const ranked = (results: ActionResult[], order: Map<string, number>) => results.sort((a, b) => b.dots - a.dots || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));

/** Each group's actions, the most dots first, with its chosen ones; every action's text kept. Pure. */
export function groupResults(work: Pick<GroupWork, 'merges'>, actions: readonly GroupAction[], dots: readonly Dot[]): GroupResult[] {
  const order = new Map([...actions].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((action, i) => [action.id, i]));
  const keys = [...new Set(actions.map((action) => action.groupKey))].sort();
  return keys.map((groupKey) => {
    const own = actions.filter((action) => action.groupKey === groupKey);
    const ids = new Set(own.map((action) => action.id));
    const results = ranked(
      own.map((action) => {
        const on = dots.filter((dot) => dot.actionId === action.id);
        return { id: action.id, text: action.text, dots: on.length, voters: new Set(on.map((dot) => dot.participantId)).size, chosen: false };
      }),
      order,
    ).map((result, rank) => ({ ...result, chosen: rank < CHOSEN_ACTIONS && result.dots > 0 }));
    return { groupKey, values: valuesOf(work.merges, groupKey), actions: results, voters: new Set(dots.filter((dot) => ids.has(dot.actionId)).map((dot) => dot.participantId)).size };
  });
}

/** Every action of every group, the most dots first. Pure. */
export const overallResults = (groups: readonly GroupResult[]): (ActionResult & { groupKey: string })[] =>
  groups.flatMap((group) => group.actions.map((action) => ({ ...action, groupKey: group.groupKey }))).sort((a, b) => b.dots - a.dots);
