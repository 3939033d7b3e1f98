import { resolve } from 'node:path';
import { Command } from 'commander';
import { formatProblems } from '../flows/catalog.js';
import { toMermaid } from '../flows/graph.js';
import { loadAreaFlows } from '../flow-actions.js';
import { FLOWS_DIR } from '../flows/loader.js';
import { flowNamespace } from '../flows/schema.js';
import { createI18n, isLanguage, LOCALES_DIR, readLocales } from '../i18n/index.js';
import { describeReview, readReviews } from '../i18n/review.js';
import { EXIT, ExitError } from './environment.js';

export const flowsCommand = new Command('flows').description('author and check conversation flows');

flowsCommand
  .command('check')
  .description('validate every flow, indicator set and their texts, and the review status of every text file; exits 1 listing every problem')
  .argument('[path]', 'folder of flows to check', FLOWS_DIR)
  .option('--locales <dir>', 'folder of texts whose review status to check', LOCALES_DIR)
  .option('--json', 'print the result as JSON')
  .action((path: string, options: { json?: boolean; locales: string }) => {
    const { catalog, problems: flowProblems } = loadAreaFlows(resolve(path));
    const { reviews, problems: reviewProblems } = readReviews(resolve(options.locales));
    const problems = [...flowProblems, ...reviewProblems];
    if (options.json) {
      console.log(
        JSON.stringify({ ok: problems.length === 0, flows: [...catalog.flows.keys()], review: Object.fromEntries(reviews.map((review) => [review.language, review.files])), problems }, null, 2),
      );
    } else {
      if (flowProblems.length === 0) {
        const flows = [...catalog.flows.values()].map(({ flow }) => `  ${flow.id} v${flow.version} (${flow.kind}, ${flow.languages.join(', ')}, ${flow.steps.length} steps)`);
        console.log(`All ${catalog.flows.size} flows are valid:\n${flows.join('\n')}`);
      }
      // Shown even when all is valid: a machine draft is not a problem, but the organisation must see it.
      if (reviews.length > 0) console.log(`Review status of the texts:\n${reviews.map(describeReview).join('\n')}`);
    }
    if (problems.length > 0) {
      throw new ExitError(EXIT.failure, options.json ? [] : formatProblems(problems, 'the flows and texts'));
    }
  });

flowsCommand
  .command('graph')
  .description('print a Mermaid flowchart of a flow (paste it into any Mermaid viewer)')
  .argument('<id>', 'flow id, e.g. helpline/self-check')
  .option('--lang <language>', 'show the texts in this language instead of their keys')
  .action((id: string, options: { lang?: string }) => {
    const locales = readLocales();
    const { catalog } = loadAreaFlows(undefined, locales);
    const compiled = catalog.get(id);
    if (!compiled) throw new ExitError(EXIT.badConfig, [`No usable flow "${id}"; known flows: ${[...catalog.flows.keys()].join(', ')}. Run \`ura flows check\` for problems.`]);
    const i18n = createI18n(locales);
    const language = options.lang;
    const describe = language && isLanguage(language) ? i18n.forLanguage(language, flowNamespace(id)) : undefined;
    process.stdout.write(toMermaid(compiled, describe));
  });
