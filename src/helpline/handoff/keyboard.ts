/**
 * What a button under one of the handoff's messages does, as data: the exit, the
 * helpline's menu, the feedback survey after a case, or taking a case (on a case card).
 * The handoff decides which buttons a message carries; how a button is written into a
 * message (on Telegram: the callback data of the area it belongs to) is the transport's.
 */
export type HandoffButton = { does: 'exit' } | { does: 'menu' } | { does: 'feedback' } | { does: 'take'; code: string };

/** A button as the handoff decides it: its label, already in the reader's language, and what it does. */
export interface Choice {
  text: string;
  button: HandoffButton;
}

/** The port a transport implements: the data a pressed button sends back. */
export type WriteButton = (button: HandoffButton) => string;

/** A row of buttons, and a keyboard of rows, as they go into the outbox with a message. */
export type KeyboardRow = { text: string; callback_data: string }[];
export type Keyboard = KeyboardRow[];

/** Writes the handoff's choices as a row of the transport that carries them. */
export const rowOf = (write: WriteButton, choices: Choice[]): KeyboardRow => choices.map((choice) => ({ text: choice.text, callback_data: write(choice.button) }));
export const keyboardOf = (write: WriteButton, rows: Choice[][]): Keyboard => rows.map((row) => rowOf(write, row));
