// Builds what the `ura` command runs: src/ transpiled to plain JavaScript in dist/
// (esbuild, a fraction of a second), and with --clients first the two Prisma clients
// that src/storage/generated/ holds. Plain JavaScript itself, so that it runs at
// install time with production dependencies only.
//
//   node scripts/build.js             dist/ from src/ (skipped when already up to date)
//   node scripts/build.js --clients   the Prisma clients, then dist/ (npm install, npm run build)
//
// dist/ is never stale: a stamp records the newest modification time and the number
// of the source files it was built from, and bin/ura.js rebuilds when they differ.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = resolve(import.meta.dirname, '..');
const sourceDir = join(root, 'src');
const distDir = join(root, 'dist');
const stampFile = join(distDir, '.source-stamp');
const lockDir = join(root, '.dist-build.lock');
/** A lock older than this was left by a build that died; no build takes a minute. */
const STALE_LOCK_MS = 60_000;

/** Every file and folder under `dir`; a folder's time changes when a file is added or removed. */
function sourceEntries(dir) {
  // `parentPath` from Node 20.12; `path` before (package.json allows 20.11).
  return readdirSync(dir, { withFileTypes: true, recursive: true }).map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/** "<newest modification time>:<number of entries>" of src/, or undefined where there is no src/ (a built image). */
function sourceStamp() {
  if (!existsSync(sourceDir)) return undefined;
  const entries = sourceEntries(sourceDir);
  const newest = entries.reduce((latest, path) => Math.max(latest, statSync(path).mtimeMs), statSync(sourceDir).mtimeMs);
  return `${newest}:${entries.length}`;
}

const builtStamp = () => (existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : undefined);

/** Whether dist/ was built from the sources as they are now (always, when only dist/ was shipped). */
export function isDistFresh() {
  const current = sourceStamp();
  return current === undefined ? existsSync(join(distDir, 'cli/main.js')) : builtStamp() === current;
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Several `ura` processes may find dist/ stale at once (tests start many): one builds, the others wait. */
async function withBuildLock(work) {
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(lockDir, { recursive: true, force: true });
      else await sleep(50);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Transpiles every file of src/ to dist/, file by file (no bundling), with source maps. */
async function transpile() {
  const { build } = await import('esbuild');
  // Taken before reading the files: an edit made during the build leaves dist/ stale, not wrongly fresh.
  const stamp = sourceStamp();
  const entryPoints = sourceEntries(sourceDir).filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'));
  rmSync(distDir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir: distDir,
    outbase: sourceDir,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  writeFileSync(stampFile, stamp);
}

/** Builds dist/ unless it is up to date. */
export async function ensureDist() {
  if (isDistFresh()) return;
  await withBuildLock(async () => {
    if (!isDistFresh()) await transpile();
  });
}

/**
 * Generates the Prisma clients with scripts/db-generate.ts, bundled into plain
 * JavaScript beside it for the run (it finds the package root from its own folder).
 */
async function generateClients() {
  const { build } = await import('esbuild');
  const bundle = join(root, 'scripts', '.db-generate.bundle.js');
  try {
    await build({ entryPoints: [join(root, 'scripts/db-generate.ts')], outfile: bundle, bundle: true, packages: 'external', format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
    const result = spawnSync(process.execPath, [bundle, '--clients-only'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`generating the Prisma clients failed (exit ${result.status})`);
  } finally {
    rmSync(bundle, { force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--clients')) await generateClients();
  await ensureDist();
}
