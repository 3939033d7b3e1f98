import type { Message } from 'grammy/types';
import type { Incoming } from '../../helpline/handoff/handoff.js';

/** What an incoming message is, for relaying: its text or caption, and its kind. */
export function incomingOf(message: Message): Incoming {
  const kinds = ['photo', 'video', 'document', 'audio', 'voice', 'animation', 'sticker', 'video_note', 'location', 'contact'] as const;
  const kind = message.text !== undefined ? 'text' : (kinds.find((candidate) => message[candidate] !== undefined) ?? 'other');
  return { messageId: message.message_id, kind, text: message.text ?? message.caption ?? null };
}
