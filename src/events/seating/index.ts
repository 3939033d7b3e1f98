// World Café seating, pure: no I/O, no clock; the seed makes every plan repeatable.
export type { SeatingChange, SeatingInput, SeatingMetrics, SeatingOptions, SeatingPair, SeatingPerson, SeatingPlan, SeatingRound, SeatingTable } from './model.js';
export { DEFAULT_SEED, planSeating } from './planner.js';
export { replanSeating } from './replan.js';
export { seatingMetrics } from './metrics.js';
export { SEATING_REFUSALS, SeatingError, seatingRefusals, tablesFor, type SeatingRefusal, type SeatingRefusalCode } from './refusals.js';
export { readSeatingList, SEATING_COLUMNS, type SeatingList } from './seating-list.js';
