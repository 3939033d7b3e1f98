import type { Update } from 'grammy/types';

let updateId = 1;
let messageId = 1;

export interface Sender {
  userId?: number;
  languageCode?: string;
  chatType?: 'private' | 'group';
}

const who = ({ userId = 5001, languageCode = 'sq', chatType = 'private' }: Sender) => ({
  from: { id: userId, is_bot: false, first_name: 'Test', language_code: languageCode },
  chat: chatType === 'private' ? { id: userId, type: 'private' as const, first_name: 'Test' } : { id: -100 - userId, type: 'group' as const, title: 'Group' },
});

export function privateText(text: string, sender: Sender = {}): Update {
  const { from, chat } = who(sender);
  return { update_id: updateId++, message: { message_id: messageId++, date: Math.floor(Date.now() / 1000), from, chat, text } } as Update;
}

export function command(name: string, args = '', sender: Sender = {}): Update {
  const text = args ? `/${name} ${args}` : `/${name}`;
  const update = privateText(text, sender);
  update.message!.entities = [{ type: 'bot_command', offset: 0, length: name.length + 1 }];
  return update;
}

export function callbackQuery(data: string, sender: Sender = {}): Update {
  const { from, chat } = who(sender);
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      from,
      chat_instance: 'ci',
      data,
      message: { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat, text: 'previous' },
    },
  } as Update;
}

/** A photo (its largest size last, as Telegram sends them), with an optional caption. */
export function photo(fileId: string, caption: string | undefined, sender: Sender = {}): Update {
  const { from, chat } = who(sender);
  const sizes = [
    { file_id: `${fileId}-small`, file_unique_id: `${fileId}-s`, width: 90, height: 67 },
    { file_id: fileId, file_unique_id: `${fileId}-l`, width: 1280, height: 960 },
  ];
  return { update_id: updateId++, message: { message_id: messageId++, date: Math.floor(Date.now() / 1000), from, chat, photo: sizes, ...(caption ? { caption } : {}) } } as Update;
}
