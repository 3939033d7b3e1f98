#!/usr/bin/env node
// The `ura` command. Runs the JavaScript in dist/, built from src/ at install time;
// when the sources changed since (development), it rebuilds first, so it never runs
// stale code. The check reads a stamp and the times of the source files: a few ms.
import { ensureDist } from '../scripts/build.js';

// Stack traces name the TypeScript files and lines, through dist/'s source maps.
process.setSourceMapsEnabled(true);
await ensureDist();
await import('../dist/cli/main.js');
