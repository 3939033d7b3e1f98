// The World Café of an event: seating per round, rounds with stored deadlines, their
// announcements through the outbox, each table's key points and the codebook. Exported
// through src/events/index.ts only.
export { cafeBoard } from './board.js';
export { createCafe, type Cafe, type CafeDeps, type ControlAction, type RoundRefusal, type NoteResult } from './cafe.js';
export { createCafePlanning, type PlanOptions, type PlanRefusal, type PlanResult } from './cafe-plan.js';
export { createCafeDesk, type CafeDesk, type CafeDeskAnswer, type CafePress, type CafeSessionState } from './cafe-desk.js';
export { CAFE_PURPOSES, type CafeSession, type Say } from './cafe-messages.js';
export { suggestThemes, themeCounts, type ThemeCount } from './codebook.js';
export { cafeDeliveryRules } from './delivery-rules.js';
export {
  DEFAULT_TABLE_SIZE,
  HARVEST_MINUTES,
  ROUND_STATUSES,
  WARNING_MS,
  type CafeAsk,
  type CafeCoding,
  type CafeNote,
  type CafeRound,
  type CafeRun,
  type CafeSeat,
  type CafeStore,
  type CafeTheme,
  type RoundChange,
  type RoundStatus,
} from './model.js';
export { dueAction, remainingMs, stepRound, type RoundAction } from './round-clock.js';
export { createThemes, themeInputSchema, type ThemeInput, type Themes } from './themes.js';
