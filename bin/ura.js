#!/usr/bin/env node
// The `ura` command. Runs the TypeScript sources through tsx's loader so that a
// checkout needs no build step; the Docker image runs the compiled dist/ instead.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
