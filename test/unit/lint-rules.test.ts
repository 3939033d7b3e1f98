import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';

/** Files of a small tree laid out like src/, each importing what the layering allows or forbids. */
const PROBES: Record<string, string> = {
  // Allowed: an area calls the hall, storage implements a port with the area's types and constants.
  'src/helpline/allowed.ts': [
    "import { start } from '../flows/engine.js';",
    "import type { Outbox } from '../delivery/outbox.js';",
    "import type { Operator } from '../staff/operators.js';",
    "import { systemClock } from '../shared/clock.js';",
    'export const uses = [start, systemClock] as unknown as [Outbox, Operator];',
  ].join('\n'),
  'src/storage/allowed.ts': "import { backInQueue, type HelpCase } from '../helpline/cases.js';\nexport const uses: [typeof backInQueue, HelpCase?] = [backInQueue];",
  // Forbidden, one file each.
  'src/flows/into-area.ts': "import { backInQueue } from '../helpline/cases.js';\nexport const uses = backInQueue;",
  'src/shared/into-storage.ts': "import type { Database } from '../storage/database.js';\nexport type Uses = Database;",
  'src/helpline/handoff/into-transport.ts': "import { createBot } from '../../transport/telegram/bot.js';\nexport const uses = createBot;",
  'src/staff/into-room.ts': "import type { HelpCase } from '../helpline/cases.js';\nexport type Uses = HelpCase;",
  'src/delivery/into-room.ts': "export { backInQueue } from '../helpline/cases.js';",
  'src/storage/into-use-case.ts': "import { createHelpline } from '../helpline/helpline.js';\nexport const uses = createHelpline;",
  'src/transport/telegram/into-wiring.ts': "export const later = () => import('../../main.js');",
  // A cycle of type-only imports is a cycle too.
  'src/helpline/ring-a.ts': "import type { B } from './ring-b.js';\nexport type A = { b?: B };",
  'src/helpline/ring-b.ts': "import type { A } from './ring-a.js';\nexport type B = { a?: A };",
};

interface Diagnostic {
  category: string;
  location: { path: string };
}

async function lint(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ura-lint-'));
  copyFileSync(join(packageRoot, 'biome.jsonc'), join(dir, 'biome.jsonc'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), `${text}\n`);
  }
  const biome = join(packageRoot, 'node_modules/.bin/biome');
  const output = await promisify(execFile)(biome, ['lint', '--vcs-enabled=false', '--reporter=json', '--max-diagnostics=none'], { cwd: dir }).catch((error: { stdout: string }) => ({
    stdout: error.stdout,
  }));
  const { diagnostics } = JSON.parse(output.stdout) as { diagnostics: Diagnostic[] };
  return diagnostics.map((diagnostic) => `${diagnostic.location.path} ${diagnostic.category.split('/').at(-1)}`).sort();
}

describe('the lint rules that keep the layering', () => {
  it('refuse each import against the layering and each cycle, and nothing else', async () => {
    expect(await lint(PROBES)).toEqual([
      'src/delivery/into-room.ts noRestrictedImports',
      'src/flows/into-area.ts noRestrictedImports',
      'src/helpline/handoff/into-transport.ts noRestrictedImports',
      'src/helpline/ring-a.ts noImportCycles',
      'src/helpline/ring-b.ts noImportCycles',
      'src/shared/into-storage.ts noRestrictedImports',
      'src/staff/into-room.ts noRestrictedImports',
      'src/storage/into-use-case.ts noRestrictedImports',
      'src/transport/telegram/into-wiring.ts noRestrictedImports',
    ]);
  });
});
