import { resolve } from 'node:path';
import { Command } from 'commander';
import { formatProblem } from '../flows/catalog.js';
import { FLOWS_DIR, loadFlows } from '../flows/loader.js';
import { EXIT, ExitError } from './environment.js';

export const flowsCommand = new Command('flows').description('author and check conversation flows');

flowsCommand
  .command('check')
  .description('validate every flow, indicator set and their texts; exits 1 listing every problem')
  .argument('[path]', 'folder of flows to check', FLOWS_DIR)
  .option('--json', 'print the result as JSON')
  .action((path: string, options: { json?: boolean }) => {
    const { catalog, problems } = loadFlows(resolve(path));
    if (options.json) {
      console.log(JSON.stringify({ ok: problems.length === 0, flows: [...catalog.flows.keys()], problems }, null, 2));
    } else if (problems.length === 0) {
      const flows = [...catalog.flows.values()].map(({ flow }) => `  ${flow.id} v${flow.version} (${flow.kind}, ${flow.languages.join(', ')}, ${flow.steps.length} steps)`);
      console.log(`All ${catalog.flows.size} flows are valid:\n${flows.join('\n')}`);
    }
    if (problems.length > 0) {
      throw new ExitError(EXIT.failure, options.json ? [] : [`${problems.length} problem(s) in the flows:`, ...problems.map((problem) => `  ${formatProblem(problem)}`)]);
    }
  });
