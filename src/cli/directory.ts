import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { formatProblems } from '../flows/catalog.js';
import { checkFreshness, DIRECTORY_DIR, DIRECTORY_LANGUAGES, isVerified, loadDirectory, type ServiceEntry } from '../helpline/directory.js';
import { LOCALES_DIR, readLocales } from '../i18n/index.js';
import { systemClock } from '../shared/clock.js';
import { EXIT, ExitError } from './environment.js';

export const directoryCommand = new Command('directory').description('the services directory shown to help-seekers and operators');

function positiveDays(value: string): number {
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1) throw new InvalidArgumentError('give a whole number of days, at least 1');
  return days;
}

/** The country, then national or the counties: e.g. `IT national`, `AL fier+vlore`. */
const where = (entry: ServiceEntry) => `${entry.country} ${entry.national ? 'national' : entry.regions.join('+')}`;
const contact = (entry: ServiceEntry) => [entry.phone, entry.link].filter(Boolean).join(' ');
const line = (entry: ServiceEntry, detail: string) => `  ${entry.id.padEnd(37)} ${`${entry.kind}, ${where(entry)}`.padEnd(37)} ${detail}`;
const entries = (count: number) => `${count} ${count === 1 ? 'entry' : 'entries'}`;

directoryCommand
  .command('check')
  .description('validate the directory files and their texts (exit 1 listing every problem); warn about entries verified too long ago or not at all')
  .argument('[path]', 'folder of directory files', DIRECTORY_DIR)
  .option('--locales <dir>', 'folder holding <language>/directory.json', LOCALES_DIR)
  .option('--max-age-days <days>', 'warn about entries last verified longer ago than this', positiveDays, 365)
  .option('--json', 'print the result as JSON')
  .action((path: string, options: { locales: string; maxAgeDays: number; json?: boolean }) => {
    const { directory, problems } = loadDirectory(resolve(path), readLocales(resolve(options.locales)));
    const freshness = checkFreshness(directory, { now: systemClock.now(), maxAgeDays: options.maxAgeDays });
    if (options.json) {
      console.log(
        JSON.stringify(
          {
            ok: problems.length === 0,
            entries: directory.entries.length,
            maxAgeDays: options.maxAgeDays,
            problems,
            stale: freshness.stale.map(({ entry, ageDays }) => ({ id: entry.id, verified: entry.verified, ageDays, source: entry.source })),
            future: freshness.future.map((entry) => ({ id: entry.id, verified: entry.verified })),
            unverified: freshness.unverified.map((entry) => ({ id: entry.id, kind: entry.kind, country: entry.country, source: entry.source })),
          },
          null,
          2,
        ),
      );
    } else {
      const verified = directory.entries.filter(isVerified).length;
      const valid = problems.length === 0 ? `The directory is valid: ${entries(directory.entries.length)}` : `The directory has problems (below); valid: ${entries(directory.entries.length)}`;
      console.log(
        `${valid}, with texts in ${DIRECTORY_LANGUAGES.join(', ')}; ${verified} verified, ${directory.entries.length - verified} unverified ` +
          '(operators see those marked unverified; help-seekers do not see them).',
      );
      const warnings: string[] = [];
      if (freshness.stale.length > 0) {
        warnings.push(`Warning: ${entries(freshness.stale.length)} last verified more than ${options.maxAgeDays} days ago; re-verify them:`);
        warnings.push(...freshness.stale.map(({ entry, ageDays }) => line(entry, `verified ${entry.verified} (${ageDays} days ago)  source: ${entry.source}`)));
      }
      if (freshness.future.length > 0) {
        warnings.push(`Warning: ${entries(freshness.future.length)} with a verified date in the future (a typo?):`);
        warnings.push(...freshness.future.map((entry) => line(entry, `verified ${entry.verified}`)));
      }
      if (freshness.unverified.length > 0) {
        warnings.push(`Unverified: ${entries(freshness.unverified.length)} whose contact details no source confirms; verify them before help-seekers can see them:`);
        warnings.push(...freshness.unverified.map((entry) => line(entry, contact(entry))));
      }
      if (warnings.length > 0) console.warn(warnings.join('\n'));
    }
    if (problems.length > 0) {
      throw new ExitError(EXIT.failure, options.json ? [] : formatProblems(problems, 'the directory'));
    }
  });
