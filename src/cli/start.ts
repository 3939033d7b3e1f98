import { Command } from 'commander';
import { startUra, type RunningUra } from '../main.js';
import { commandLogger, configFromEnvironment } from './environment.js';

export const startCommand = new Command('start').description('apply pending migrations, then serve HTTP and, when TELEGRAM_BOT_TOKEN is set, the Telegram bot').action(async () => {
  const { config, notes } = configFromEnvironment({ createSecrets: true });
  const logger = commandLogger(config);
  for (const note of notes) logger.warn(note);

  // Signals are heard from the first moment: one that arrives while migrations
  // run stops Ura cleanly as soon as it is up, instead of killing it mid-way.
  let ura: RunningUra | undefined;
  let stopRequested = false;
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'stopping');
    stopRequested = true;
    if (!ura) return;
    ura.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: String(error) }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  ura = await startUra(config, logger);
  if (stopRequested) shutdown('signal received during start-up');
});
