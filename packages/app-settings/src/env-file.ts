import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import type { Env } from './resolve-settings';
import { SettingError } from './setting-error';

export interface EnvFileResult {
  /** The process environment with the file's variables added (variables already set win). */
  env: Env;
  /** The file read, if any. */
  path: string | undefined;
  /** Variables the file set (not already in the environment). */
  loaded: string[];
}

/** `--env-file <path>` or `--env-file=<path>` in argv, if given. */
export function envFileFlag(argv: readonly string[]): string | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg === '--env-file') {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('-')) throw new SettingError('--env-file needs a path');
      return next;
    }
    if (arg.startsWith('--env-file=')) return arg.slice('--env-file='.length);
  }
  return undefined;
}

/**
 * Reads a `.env` file (Node's util.parseEnv: `NAME=value`, quotes, `#` comments) into the environment
 * without overriding variables already set, as dotenv does. `--env-file <path>` names the file (it must
 * exist); otherwise `./.env` in `cwd` is read when present.
 */
export function loadEnvFile(argv: readonly string[], env: Env, cwd: string = process.cwd()): EnvFileResult {
  const flagged = envFileFlag(argv);
  const path = flagged === undefined ? resolve(cwd, '.env') : resolve(cwd, flagged);
  if (flagged === undefined && !existsSync(path)) return { env, path: undefined, loaded: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SettingError(
      `invalid --env-file: cannot read "${path}" (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parsed = parseEnv(text);
  const merged: Record<string, string | undefined> = { ...env };
  const loaded: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (merged[name] !== undefined) continue;
    merged[name] = value;
    loaded.push(name);
  }
  return { env: merged, path, loaded };
}
