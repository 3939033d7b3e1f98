import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { assessState, start, step, type Effect } from '../flows/engine.js';
import { loadAreaFlows } from '../flow-actions.js';
import { flowNamespace } from '../flows/schema.js';
import { createI18n, isLanguage, LANGUAGES, readLocales } from '../i18n/index.js';
import { systemClock } from '../shared/clock.js';
import { parseLine, renderEffect, renderSummary } from '../transport/terminal/flow-chat.js';
import { EXIT, ExitError } from './environment.js';

export const chatCommand = new Command('chat')
  .description('run a flow in the terminal, as a person would on Telegram, then print its state, level and reasons')
  .requiredOption('--flow <id>', 'flow id, e.g. helpline/self-check')
  .option('--lang <language>', `language: ${LANGUAGES.join(', ')}`, 'sq')
  .option('--json', 'print the final state as JSON too')
  .action(async (options: { flow: string; lang: string; json?: boolean }) => {
    const locales = readLocales();
    const { catalog, problems } = loadAreaFlows(undefined, locales);
    const compiled = catalog.get(options.flow);
    if (!compiled) {
      const why = problems.some((problem) => problem.file.includes(options.flow)) ? 'it has problems (run `ura flows check`)' : `known flows: ${[...catalog.flows.keys()].join(', ')}`;
      throw new ExitError(EXIT.badConfig, [`No usable flow "${options.flow}": ${why}.`]);
    }
    const language = options.lang;
    if (!isLanguage(language) || !compiled.flow.languages.includes(language)) {
      throw new ExitError(EXIT.badConfig, [`Flow ${options.flow} is in ${compiled.flow.languages.join(', ')}; --lang ${language} is not one of them.`]);
    }
    const i18n = createI18n(locales);
    const ns = flowNamespace(compiled.flow.id);
    const t = i18n.forLanguage(language, ns);
    const print = (lines: string[]) => lines.forEach((line) => console.log(line));
    const show = (effect: Effect) => print(renderEffect(effect, t, compiled.flow.hints));

    let result = start(compiled, systemClock.now());
    result.effects.forEach(show);
    const lines = createInterface({ input: process.stdin, terminal: false });
    for await (const line of lines) {
      const current = result.state.current ? compiled.steps.get(result.state.current) : undefined;
      if (!current) break;
      const input = parseLine(current, line);
      if (input === 'quit') break;
      result = step(compiled, result.state, input, systemClock.now());
      result.effects.forEach(show);
      if (result.state.status === 'ended') break;
    }
    lines.close();
    print(renderSummary(result.state.outcome, assessState(compiled, result.state), t));
    if (options.json) console.log(JSON.stringify(result.state, null, 2));
  });
