import { Command, CommanderError } from 'commander';
import { EXIT, ExitError } from './environment.js';

// Each command is loaded only when it is the one that runs: most of the start-up time
// is spent loading the bot, the web server and the database clients, which
// `ura config check` or `ura flows check` do not need. Listed in the order of `ura --help`.
const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./start.js')).startCommand,
  migrate: async () => (await import('./migrate.js')).migrateCommand,
  config: async () => (await import('./config-check.js')).configCommand,
  flows: async () => (await import('./flows.js')).flowsCommand,
  urgent: async () => (await import('./urgent.js')).urgentCommand,
  directory: async () => (await import('./directory.js')).directoryCommand,
  chat: async () => (await import('./chat.js')).chatCommand,
  retention: async () => (await import('./retention.js')).retentionCommand,
  oncall: async () => (await import('./oncall.js')).oncallCommand,
  operators: async () => (await import('./operators.js')).operatorsCommand,
  stats: async () => (await import('./stats.js')).statsCommand,
  events: async () => (await import('./events.js')).eventsCommand,
  seating: async () => (await import('./seating.js')).seatingCommand,
  surveys: async () => (await import('./surveys.js')).surveysCommand,
};

const program = new Command('ura').description('Ura: anonymous help-seeking and coordination events for anti-trafficking work').showHelpAfterError().exitOverride();

// `ura --help`, or a command that does not exist (to suggest the nearest): all of them.
const named = process.argv[2];
const load = named !== undefined && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named]] : Object.values(COMMANDS);
for (const command of load) if (command) program.addCommand(await command());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ExitError) {
    for (const line of error.lines) console.error(line);
    process.exit(error.code);
  }
  if (error instanceof CommanderError) process.exit(error.exitCode);
  // Only a command that starts Ura can fail to start it, and it has loaded main.js already.
  const { StartupError } = await import('../main.js');
  if (error instanceof StartupError) {
    console.error(`Ura could not start: ${error.message}`);
    process.exit(EXIT.failure);
  }
  console.error(error);
  process.exit(EXIT.failure);
}
