import { Command } from 'commander';
import { helplineStats, renderStatsCsv, renderStatsText } from '../helpline/stats.js';
import { systemClock } from '../shared/clock.js';
import { monthOf, parseMonth } from '../shared/month.js';
import { loadStatsCases } from '../storage/stats-repository.js';
import { withDatabase } from './database.js';
import { EXIT, ExitError } from './environment.js';

const USAGE = 'usage: ura stats helpline [--month YYYY-MM] [--json | --csv]';

export const statsCommand = new Command('stats').description('anonymous counts for reports');

statsCommand
  .command('helpline')
  .description('cases reported through the line and the app in one month (in APP_TIMEZONE); counts from 1 to 4 are shown as <5')
  .option('--month <YYYY-MM>', 'the month to count (default: the current month)')
  .option('--json', 'print as JSON; counts from 1 to 4 are the string "<5"')
  .option('--csv', 'print as CSV with the columns dimension,value,count')
  .action((options: { month?: string; json?: boolean; csv?: boolean }) => {
    if (options.json && options.csv) throw new ExitError(EXIT.badConfig, ['--json and --csv cannot be used together.', USAGE]);
    return withDatabase(async (db, config) => {
      const month = parseMonth(options.month ?? monthOf(systemClock.now(), config.timezone), config.timezone);
      if ('problem' in month) throw new ExitError(EXIT.badConfig, [`--month ${month.problem}`, USAGE]);
      const stats = helplineStats(await loadStatsCases(db.prisma, month.from, month.to), { month: month.month, targets: config.claimTargets });
      if (options.json) console.log(JSON.stringify(stats, null, 2));
      else if (options.csv) process.stdout.write(renderStatsCsv(stats));
      else console.log(renderStatsText(stats));
    });
  });
