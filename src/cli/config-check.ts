import { Command } from 'commander';
import { describeConfig } from '../config.js';
import { configFromEnvironment } from './environment.js';

const printTree = (value: unknown, indent = ''): string[] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([key, inner]) => (typeof inner === 'object' && inner !== null ? [`${indent}${key}:`, ...printTree(inner, `${indent}  `)] : [`${indent}${key}: ${String(inner)}`]))
    : [`${indent}${String(value)}`];

export const configCommand = new Command('config').description('inspect the configuration');

configCommand
  .command('check')
  .description('validate the environment and print the effective configuration, without secrets; exits 2 when invalid')
  .option('--json', 'print the configuration as JSON')
  .action((options: { json?: boolean }) => {
    const { config, notes } = configFromEnvironment({ createSecrets: false });
    const described = describeConfig(config);
    if (options.json) {
      console.log(JSON.stringify(described, null, 2));
      return;
    }
    console.log('Configuration is valid.');
    for (const line of printTree(described)) console.log(`  ${line}`);
    for (const note of notes) console.log(note);
  });
