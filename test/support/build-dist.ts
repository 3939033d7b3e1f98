import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Runs once before the test files: brings dist/ up to date, so that the many `ura`
 * processes the end-to-end tests start find it fresh instead of each checking, and
 * waiting on, a rebuild.
 */
export default function buildDist(): void {
  execFileSync(process.execPath, [resolve(import.meta.dirname, '../../scripts/build.js')], { stdio: 'inherit' });
}
