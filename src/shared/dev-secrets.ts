import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

type Env = Record<string, string | undefined>;

/** Where the embedded database and the development secrets live unless DATA_DIR says otherwise. */
export const DEFAULT_DATA_DIR = 'data';

export interface DevSecrets {
  env: Env;
  /** The secrets file that supplied DATA_KEY / ID_PEPPER, if one did. */
  file?: string;
  created?: boolean;
  /** The file does not exist yet; `ura start` will create it (preview only). */
  pending?: boolean;
  problem?: string;
}

const fileSchema = z.object({ DATA_KEY: z.string(), ID_PEPPER: z.string() });

const generate = () => ({ DATA_KEY: randomBytes(32).toString('base64'), ID_PEPPER: randomBytes(32).toString('base64url') });

/**
 * Outside production, a missing DATA_KEY or ID_PEPPER is taken from
 * `<DATA_DIR>/secrets.json`, which is created once (mode 0600) when `create` is
 * set; without it, a missing file is previewed with throwaway values so that a
 * check says what start would do. Production never reaches for the file: its
 * secrets come from the operator.
 */
export function withDevSecrets(env: Env, cwd: string, options: { create: boolean }): DevSecrets {
  const blank = (value: string | undefined) => value === undefined || value.trim() === '';
  if (env.NODE_ENV === 'production' || (!blank(env.DATA_KEY) && !blank(env.ID_PEPPER))) return { env };

  const file = resolve(cwd, (blank(env.DATA_DIR) ? undefined : env.DATA_DIR) ?? DEFAULT_DATA_DIR, 'secrets.json');
  let created = false;
  if (!existsSync(file)) {
    const secrets = generate();
    if (!options.create) {
      return { env: { ...env, DATA_KEY: env.DATA_KEY || secrets.DATA_KEY, ID_PEPPER: env.ID_PEPPER || secrets.ID_PEPPER }, file, pending: true };
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  }
  let stored: z.infer<typeof fileSchema>;
  try {
    stored = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return { env, file, problem: `${file} is not a valid secrets file; delete it to have a new one made` };
  }
  return {
    env: {
      ...env,
      DATA_KEY: blank(env.DATA_KEY) ? stored.DATA_KEY : env.DATA_KEY,
      ID_PEPPER: blank(env.ID_PEPPER) ? stored.ID_PEPPER : env.ID_PEPPER,
    },
    file,
    created,
  };
}
