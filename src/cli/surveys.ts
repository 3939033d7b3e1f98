import { Command } from 'commander';
import { runsCommand } from './survey-runs.js';
import { surveysImportCommand } from './surveys-import.js';

/** `ura surveys`: survey runs answered in the chat, and paper forms typed into a spreadsheet. */
export const surveysCommand = new Command('surveys').description('surveys and evaluations: runs answered in the chat (events and standalone), paper forms typed into a spreadsheet');
surveysCommand.addCommand(runsCommand);
surveysCommand.addCommand(surveysImportCommand);
