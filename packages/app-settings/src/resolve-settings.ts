import { SettingError } from './setting-error';

export type Env = Readonly<Record<string, string | undefined>>;

/** One setting: its flag, the environment variables read in order (first set wins), default, parser. */
export interface SettingSpec<T> {
  /** The long flag, e.g. `--port`; undefined for a setting read from the environment only. */
  flag: string | undefined;
  env: readonly string[];
  fallback: T;
  parse: (raw: string) => T;
}

export type SettingSpecs<S> = { readonly [K in keyof S]: SettingSpec<S[K]> };

/** Raw flag values as commander gives them: strings, booleans for switches. */
export type RawFlags<S> = Partial<Record<keyof S, string | boolean | undefined>>;

/** Where a setting's value came from. */
export type SettingSource = 'flag' | 'env' | 'default';

/**
 * One setting: the flag's value wins, then the first environment variable set (non-blank), then the
 * default. A bad value throws a SettingError naming the flag or variable it came from.
 */
export function resolveSetting<T>(
  spec: SettingSpec<T>,
  flag: string | boolean | undefined,
  env: Env,
): { value: T; source: SettingSource; where: string | undefined } {
  let raw: string | undefined;
  let where = spec.flag;
  let source: SettingSource = 'flag';
  if (typeof flag === 'boolean') raw = String(flag);
  else if (typeof flag === 'string') raw = flag;
  else {
    source = 'env';
    for (const name of spec.env) {
      const value = env[name];
      if (value !== undefined && value.trim() !== '') {
        raw = value;
        where = name;
        break;
      }
    }
  }
  if (raw === undefined) return { value: spec.fallback, source: 'default', where: undefined };
  try {
    return { value: spec.parse(raw), source, where };
  } catch (error) {
    throw new SettingError(`invalid ${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Every setting of `specs`, flag > env > default; the first bad value throws a SettingError naming it. */
export function resolveSettings<S>(specs: SettingSpecs<S>, flags: RawFlags<S>, env: Env): S {
  const result: Partial<S> = {};
  for (const key of Object.keys(specs) as Array<keyof S>) {
    result[key] = resolveSetting(specs[key], flags[key], env).value;
  }
  return result as S;
}

/** Help text for a setting's option: the description, its variables and its default. */
export function describeSetting(
  spec: { readonly env: readonly string[]; readonly fallback: unknown },
  description: string,
  shown?: string,
): string {
  const fallback = shown ?? (spec.fallback === undefined ? undefined : String(spec.fallback));
  const env = spec.env.length > 0 ? `env ${spec.env.join(' or ')}` : '';
  const parts = [env, fallback === undefined ? '' : `default: ${fallback}`].filter((part) => part !== '');
  return parts.length > 0 ? `${description} (${parts.join('; ')})` : description;
}
