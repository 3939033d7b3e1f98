import { Command } from 'commander';
import { runsCommand } from './survey-runs.js';

/** `ura surveys`: surveys' runs (and, beside them, what organisers do with their answers). */
export const surveysCommand = new Command('surveys').description('survey runs answered in the chat: evaluations of events and standalone surveys');
surveysCommand.addCommand(runsCommand);
