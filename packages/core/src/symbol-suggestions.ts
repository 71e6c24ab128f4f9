import type { InstrumentIndex } from './venue-adapter';

/** Longest input compared (longer ones get no suggestion: no instrument is that long). */
const MAX_NEEDLE = 32;
/** Candidates scored by edit distance per lookup: those sharing the most letter pairs with the input. */
const SHORTLIST = 48;
/** Lookups remembered per instrument list. */
const CACHE_SIZE = 512;
/** Letter pairs shared by more instruments than this (`US`, `DT`) say little and are not counted. */
const MAX_POSTINGS = 2_000;
/**
 * Work (instrument entries visited) per second per instrument list for suggestions; beyond it errors
 * carry none until it refills. One lookup visits at most 32 × MAX_POSTINGS entries.
 */
const WORK_PER_SECOND = 1_000_000;

function normalize(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function pairsOf(key: string): Set<string> {
  const pairs = new Set<string>();
  for (let index = 0; index + 2 <= key.length; index += 1) pairs.add(key.slice(index, index + 2));
  if (key.length === 1) pairs.add(key);
  return pairs;
}

/** Levenshtein distance, giving up (returning `limit + 1`) once every path exceeds `limit`. */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Scores `candidate` against `needle` (normalized): lower is closer; undefined = not close. */
export function closeness(needle: string, hay: string): number | undefined {
  const limit = Math.max(2, Math.floor(needle.length / 3));
  const related = hay.includes(needle) || needle.includes(hay);
  let score = boundedEditDistance(needle, hay, limit + (related ? 2 : 0));
  if (related) score -= 2;
  return score <= limit ? score : undefined;
}

/**
 * What symbol look-ups of one instrument list need, built once per list: native and unified symbols
 * by upper case, and an index of letter pairs so that suggestions score a short list of candidates
 * instead of every instrument. Suggestions are cached and their rate is bounded, so a flood of
 * unknown symbols costs bounded work whatever the size of the list.
 */
export class SymbolLookup {
  readonly #byUpper = new Map<string, string>();
  readonly #symbols: string[] = [];
  readonly #keys: string[] = [];
  readonly #pairs = new Map<string, number[]>();
  readonly #cache = new Map<string, string[]>();
  readonly #now: () => number;
  /** Scratch counts of shared pairs per instrument (reset after each lookup). */
  readonly #counts: Uint8Array;
  #budget = WORK_PER_SECOND;
  #budgetAt: number;
  /** Suggestion lookups computed (not cached, not refused): for tests and metrics. */
  computed = 0;

  constructor(instruments: InstrumentIndex, now: () => number = Date.now) {
    this.#now = now;
    this.#budgetAt = now();
    for (const info of instruments.values()) {
      const upperSymbol = info.symbol.toUpperCase();
      const upperUnified = info.unified.toUpperCase();
      if (!this.#byUpper.has(upperUnified)) this.#byUpper.set(upperUnified, info.symbol);
      if (!this.#byUpper.has(upperSymbol)) this.#byUpper.set(upperSymbol, info.symbol);
      const position = this.#symbols.length;
      const key = normalize(info.symbol);
      this.#symbols.push(info.symbol);
      this.#keys.push(key);
      for (const pair of pairsOf(key)) {
        let list = this.#pairs.get(pair);
        if (list === undefined) {
          list = [];
          this.#pairs.set(pair, list);
        }
        list.push(position);
      }
    }
    this.#counts = new Uint8Array(this.#symbols.length);
  }

  /** The native symbol whose native or unified spelling is `upper` (case-insensitive match). */
  byUpperCase(upper: string): string | undefined {
    return this.#byUpper.get(upper);
  }

  /** Up to `limit` instruments close to `input`; empty when none is, or when the rate bound is spent. */
  suggest(input: string, limit = 5): string[] {
    const needle = normalize(input);
    if (needle.length === 0 || needle.length > MAX_NEEDLE) return [];
    const cached = this.#cache.get(needle);
    if (cached !== undefined) {
      this.#cache.delete(needle);
      this.#cache.set(needle, cached);
      return cached.slice(0, limit);
    }
    const lists = this.#postingsOf(needle);
    const work = lists.reduce((sum, list) => sum + Math.min(list.length, MAX_POSTINGS), SHORTLIST * 8);
    if (!this.#takeBudget(work)) return [];
    this.computed += 1;
    const result = this.#compute(needle, lists, limit);
    this.#cache.set(needle, result);
    if (this.#cache.size > CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value as string);
    return result;
  }

  /** The instrument lists of the input's letter pairs worth counting (the rarest one at least). */
  #postingsOf(needle: string): number[][] {
    const lists: number[][] = [];
    for (const pair of pairsOf(needle)) {
      const list = this.#pairs.get(pair);
      if (list !== undefined) lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    const useful = lists.filter((list) => list.length <= MAX_POSTINGS);
    return useful.length > 0 ? useful : lists.slice(0, 1);
  }

  #compute(needle: string, lists: readonly number[][], limit: number): string[] {
    // Count shared letter pairs per instrument, then bucket by count: no sort over the whole list.
    const counts = this.#counts;
    const touched: number[] = [];
    for (const list of lists) {
      const end = Math.min(list.length, MAX_POSTINGS);
      for (let index = 0; index < end; index += 1) {
        const position = list[index]!;
        const count = counts[position]!;
        if (count === 0) touched.push(position);
        counts[position] = count + 1;
      }
    }
    const buckets: number[][] = Array.from({ length: lists.length + 1 }, () => []);
    for (const position of touched) {
      buckets[counts[position]!]!.push(position);
      counts[position] = 0;
    }
    const shortlist: number[] = [];
    for (let count = lists.length; count > 0 && shortlist.length < SHORTLIST; count -= 1) {
      for (const position of buckets[count]!) {
        shortlist.push(position);
        if (shortlist.length >= SHORTLIST) break;
      }
    }
    const scored: Array<{ candidate: string; score: number }> = [];
    for (const position of shortlist) {
      const score = closeness(needle, this.#keys[position]!);
      if (score !== undefined) scored.push({ candidate: this.#symbols[position]!, score });
    }
    scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
    return scored.slice(0, limit).map((entry) => entry.candidate);
  }

  #takeBudget(work: number): boolean {
    const now = this.#now();
    const elapsed = now - this.#budgetAt;
    if (elapsed > 0) {
      this.#budget = Math.min(WORK_PER_SECOND, this.#budget + (elapsed * WORK_PER_SECOND) / 1000);
      this.#budgetAt = now;
    }
    if (this.#budget < work) return false;
    this.#budget -= work;
    return true;
  }
}

const lookups = new WeakMap<InstrumentIndex, SymbolLookup>();

/** The look-up structure of `instruments`, built on first use and kept while the list lives. */
export function symbolLookup(instruments: InstrumentIndex): SymbolLookup {
  let lookup = lookups.get(instruments);
  if (lookup === undefined) {
    lookup = new SymbolLookup(instruments);
    lookups.set(instruments, lookup);
  }
  return lookup;
}
