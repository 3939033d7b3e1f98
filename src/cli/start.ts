import { Command } from 'commander';
import { startUra } from '../main.js';
import { commandLogger, configFromEnvironment } from './environment.js';

export const startCommand = new Command('start')
  .description('apply pending migrations, then serve HTTP and, when TELEGRAM_BOT_TOKEN is set, the Telegram bot')
  .action(async () => {
    const { config, notes } = configFromEnvironment({ createSecrets: true });
    const logger = commandLogger(config);
    for (const note of notes) logger.warn(note);
    const ura = await startUra(config, logger);
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'stopping');
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
  });
