import { Command, CommanderError } from 'commander';
import { StartupError } from '../main.js';
import { chatCommand } from './chat.js';
import { configCommand } from './config-check.js';
import { directoryCommand } from './directory.js';
import { flowsCommand } from './flows.js';
import { EXIT, ExitError } from './environment.js';
import { migrateCommand } from './migrate.js';
import { oncallCommand } from './oncall.js';
import { operatorsCommand } from './operators.js';
import { retentionCommand } from './retention.js';
import { startCommand } from './start.js';
import { statsCommand } from './stats.js';

const program = new Command('ura')
  .description('Ura: anonymous help-seeking and coordination events for anti-trafficking work')
  .showHelpAfterError()
  .exitOverride()
  .addCommand(startCommand)
  .addCommand(migrateCommand)
  .addCommand(configCommand)
  .addCommand(flowsCommand)
  .addCommand(directoryCommand)
  .addCommand(chatCommand)
  .addCommand(retentionCommand)
  .addCommand(oncallCommand)
  .addCommand(operatorsCommand)
  .addCommand(statsCommand);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ExitError) {
    for (const line of error.lines) console.error(line);
    process.exit(error.code);
  }
  if (error instanceof StartupError) {
    console.error(`Ura could not start: ${error.message}`);
    process.exit(EXIT.failure);
  }
  if (error instanceof CommanderError) process.exit(error.exitCode);
  console.error(error);
  process.exit(EXIT.failure);
}
