/**
 * The chaos suite's settings, in one place: which fault kinds a run injects, how long it runs, which
 * seed and venue-market, where its figures go. Read from the environment that `pnpm test:chaos` sets
 * (scripts/test-chaos.mjs), so a vitest run of the conformance suite gets the short form by default.
 */

/** Every fault kind the chaos schedule knows. A run injects each kind of its set at least once. */
export const FAULT_KINDS = [
  'drop',
  'close',
  'skip',
  'pause',
  'silence',
  'half-open',
  'restart',
  'duplicate',
  'reorder',
  'truncate',
  'garbage',
  'oversize',
  'rest-429',
  'rest-5xx',
  'rest-slow',
  'rest-hang',
  'delist',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * The fault kinds a default run (CI and `pnpm test:chaos`) injects: all of them. Narrow a run with
 * `pnpm test:chaos --faults drop,pause` (env `CHAOS_FAULTS`), never by editing this list.
 */
export const DEFAULT_FAULT_KINDS: readonly FaultKind[] = [...FAULT_KINDS];

/** Closed candles per venue-market (over its 3 streams) of the short (CI) and the long form. */
export const SHORT_RUN_CANDLES = 240;
export const LONG_RUN_CANDLES = 10_000;
/** Seed of the default run; each venue-market mixes in its name, so each gets its own schedule. */
const DEFAULT_SEED = 1;

export interface ChaosSettings {
  seed: number;
  /** Whether the seed was given (a replay): then it is used as is, not mixed with the venue-market. */
  seedGiven: boolean;
  candles: number;
  kinds: readonly FaultKind[];
  /** `exchange:market` to run alone, or undefined for every one. */
  venue: string | undefined;
  /** File to append one JSON line of figures per venue-market run to. */
  reportFile: string | undefined;
  long: boolean;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be an integer ≥ 0, got "${text}"`);
  return value;
}

export function parseFaultKinds(text: string): FaultKind[] {
  const kinds = text
    .split(',')
    .map((kind) => kind.trim())
    .filter((kind) => kind.length > 0);
  for (const kind of kinds) {
    if (!(FAULT_KINDS as readonly string[]).includes(kind))
      throw new Error(`unknown fault kind "${kind}": expected one of ${FAULT_KINDS.join(', ')}`);
  }
  if (kinds.length === 0) throw new Error(`CHAOS_FAULTS names no fault kind: "${text}"`);
  return kinds as FaultKind[];
}

export function chaosSettings(env: Env = process.env): ChaosSettings {
  const long = env.CHAOS_LONG === '1' || env.CHAOS_LONG === 'true';
  const seed = integer(env, 'CHAOS_SEED');
  return {
    seed: seed ?? DEFAULT_SEED,
    seedGiven: seed !== undefined,
    candles: integer(env, 'CHAOS_CANDLES') ?? (long ? LONG_RUN_CANDLES : SHORT_RUN_CANDLES),
    kinds: env.CHAOS_FAULTS ? parseFaultKinds(env.CHAOS_FAULTS) : DEFAULT_FAULT_KINDS,
    venue: env.CHAOS_VENUE || undefined,
    reportFile: env.CHAOS_REPORT || undefined,
    long,
  };
}

/** The one-line command that replays a run. */
export function replayCommand(settings: ChaosSettings, venue: string, seed: number): string {
  const parts = ['pnpm test:chaos', `--seed ${seed}`, `--venue ${venue}`];
  if (settings.long) parts.push('--long');
  if (settings.candles !== (settings.long ? LONG_RUN_CANDLES : SHORT_RUN_CANDLES))
    parts.push(`--candles ${settings.candles}`);
  if (settings.kinds !== DEFAULT_FAULT_KINDS) parts.push(`--faults ${settings.kinds.join(',')}`);
  return parts.join(' ');
}
