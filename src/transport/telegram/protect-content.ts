import type { Transformer } from 'grammy';

// Methods that put a message in the chat. Each gets protect_content, so nothing
// Ura sends can be forwarded or saved from a phone someone else may look at.
export const SENDING = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'sendVoice',
  'sendAudio',
  'sendVideo',
  'sendAnimation',
  'sendVideoNote',
  'sendLocation',
  'sendVenue',
  'sendContact',
  'sendPoll',
  'sendDice',
  'sendMediaGroup',
  'copyMessage',
  'copyMessages',
  'forwardMessage',
  'forwardMessages',
  'sendSticker',
]);

export const protectContent: Transformer = (prev, method, payload, signal) => prev(method, SENDING.has(method) ? { ...payload, protect_content: true } : payload, signal);
