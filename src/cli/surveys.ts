import { Command } from 'commander';
import { surveysImportCommand } from './surveys-import.js';

export const surveysCommand = new Command('surveys').description('surveys and evaluations: paper forms typed into a spreadsheet').addCommand(surveysImportCommand);
