import { newJoinCode, parseJoinCode } from '../events/index.js';

/**
 * A run's code: what its link (`/start sv_<code>`), its QR code and its buttons carry.
 * Drawn as event join codes are (six characters people do not confuse), apart from them
 * by the link's prefix.
 */
export const RUN_START_PREFIX = 'sv_';

export const newRunCode = (): string => newJoinCode();

/** A code as it came in a link or on a button, or undefined when it cannot be one. */
export const parseRunCode = (text: string): string | undefined => parseJoinCode(text);

/** The link that opens a run in the bot; `bot` is the bot's username, with or without @. */
export const runLink = (bot: string, code: string): string => `https://t.me/${bot.replace(/^@/, '')}?start=${RUN_START_PREFIX}${code}`;
