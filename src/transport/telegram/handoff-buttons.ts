import type { HandoffButton } from '../../helpline/handoff/keyboard.js';
import { consoleButton } from './console-buttons.js';
import { helplineButton } from './helpline-buttons.js';

/**
 * How the handoff's buttons are written on Telegram: those a person gets (exit, menu,
 * feedback) are the helpline's, the case card's Take is the console's.
 */
export function writeHandoffButton(button: HandoffButton): string {
  switch (button.does) {
    case 'exit':
      return helplineButton.exit;
    case 'menu':
      return helplineButton.menu('home');
    case 'feedback':
      return helplineButton.feedback;
    case 'take':
      return consoleButton.take(button.code);
  }
}
