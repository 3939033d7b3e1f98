import { randomInt } from 'node:crypto';

/**
 * Join codes: what a participant types, or scans in the deep link `ev_<code>`. Six
 * characters without the ones people confuse when reading a projected or printed
 * code (0 and O, 1, I and L): 31^6, about 887 million codes, drawn at random, so an
 * event's code is not guessed from another's.
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;
const PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

/** The prefix of an event's deep-link parameter: `/start ev_K7M3PQ`. */
export const JOIN_START_PREFIX = 'ev_';

export function newJoinCode(draw: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[draw(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** A code as someone typed it (lower case, spaces, a dash in the middle), or undefined when it cannot be one. */
export function parseJoinCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return PATTERN.test(code) ? code : undefined;
}

/** The deep link that opens the bot on the event; `bot` is the bot's username, with or without @. */
export const joinLink = (bot: string, joinCode: string): string => `https://t.me/${bot.replace(/^@/, '')}?start=${JOIN_START_PREFIX}${joinCode}`;

/** A Telegram bot username: 5 to 32 letters, digits and underscores (BotFather requires it to end in "bot"). */
export const isBotUsername = (name: string): boolean => /^[A-Za-z][A-Za-z0-9_]{4,31}$/.test(name.replace(/^@/, ''));
