import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/shared/paths.js';

/** What a `ura` command printed and how it exited. */
export interface UraRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `ura <args>` as a process of its own (bin/ura.js over dist/), in `cwd` with exactly `env`. */
export const runUra = (args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<UraRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(packageRoot, 'bin/ura.js'), ...args], { cwd: options.cwd, env: options.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
