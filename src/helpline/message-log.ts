/**
 * The ids (never the text) of messages in a person's chat, so that a quick exit
 * can delete them. Telegram lets a bot delete messages for 48 hours.
 */
export interface MessageLog {
  record(contactId: string, messageIds: number[], at: Date): Promise<void>;
  since(contactId: string, from: Date): Promise<number[]>;
  forget(contactId: string): Promise<void>;
}

export const DELETABLE_FOR_MS = 48 * 60 * 60 * 1000;
