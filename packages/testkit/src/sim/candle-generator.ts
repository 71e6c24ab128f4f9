/**
 * Deterministic market data: the same (symbol, interval, openTime) always gives the same candle.
 *
 * How a venue simulator uses it: create one `CandleGenerator` (optionally with `basePrice`, `quiet`),
 * let the `StreamRegistry` call `stateAt` for pushes, call `stateAt(…, now)` / `final(…)` for REST rows,
 * and implement `VenueSimulator.candleAt` with `toCandle(final(…))`. It knows nothing about wire
 * formats: the venue formats the numbers (they are already rounded to `priceDecimals`/`volumeDecimals`,
 * so `toFixed(decimals)` is lossless).
 *
 * Model: a price path defined at every candle boundary (so a candle's close is the next one's open and
 * all intervals agree on boundary prices), `STEPS` interior points per candle, wicks reached at a
 * random step, volume spread over the steps. The partial state at time t follows the path up to t:
 * high/low/volume/trades only grow, close moves, and at the close time it equals the final candle.
 */
import {
  alignOpenTime,
  type Candle,
  type ExchangeId,
  type Interval,
  type MarketType,
  nextOpenTime,
} from '@ohlcv/core';

/** OHLCV of one candle, final or as of some time inside it. Prices/volumes rounded to the generator's decimals. */
export interface CandleState {
  symbol: string;
  interval: Interval;
  openTime: number;
  closeTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Base-asset volume. */
  volume: number;
  /** Quote-asset volume (≈ volume × price). */
  quoteVolume: number;
  trades: number;
  takerBuyVolume: number;
  takerBuyQuoteVolume: number;
  /** Id of the candle's first trade; the last is `firstTradeId + trades - 1`. */
  firstTradeId: number;
  /** True when this is the final state (time ≥ close time + 1). */
  closed: boolean;
}

export interface CandleGeneratorOptions {
  /** Typical price of a symbol. Default: by base asset (BTC ≈ 90 000, ETH ≈ 3 000, …), else hashed 1–100. */
  basePrice?(symbol: string): number;
  /** Intervals without trades: no candle exists (for venues that skip empty intervals). Default: none. */
  quiet?(symbol: string, interval: Interval, openTime: number): boolean;
}

/** Interior points of the price path per candle. */
const STEPS = 8;

const KNOWN_BASE_PRICES: ReadonlyArray<[string, number]> = [
  ['BTC', 90_000],
  ['ETH', 3_000],
  ['SOL', 150],
  ['BNB', 600],
  ['XRP', 2],
  ['DOGE', 0.2],
  ['PURR', 0.2],
];

export class CandleGenerator {
  private readonly basePriceOf: (symbol: string) => number;
  private readonly quiet: (symbol: string, interval: Interval, openTime: number) => boolean;
  private readonly priceCache = new Map<string, number>();
  /** Symbol → the time its trading ended (delisted): no candle opens at or after it. */
  private readonly endedAt = new Map<string, number>();

  constructor(options: CandleGeneratorOptions = {}) {
    this.basePriceOf = options.basePrice ?? defaultBasePrice;
    this.quiet = options.quiet ?? (() => false);
  }

  /** Decimals prices are rounded to: ~6 significant digits (BTC 2, ETH 3, SOL 4, …). */
  priceDecimals(symbol: string): number {
    return priceDecimalsFor(this.basePrice(symbol));
  }

  /** Decimals base volumes are rounded to. */
  volumeDecimals(symbol: string): number {
    return Math.min(8, Math.max(2, priceDecimalsFor(this.basePrice(symbol)) + 1));
  }

  /** Whether a candle exists (no candle for quiet intervals, unaligned open times, or after trading ended). */
  exists(symbol: string, interval: Interval, openTime: number): boolean {
    const ended = this.endedAt.get(symbol);
    if (ended !== undefined && openTime >= ended) return false;
    return alignOpenTime(interval, openTime) === openTime && !this.quiet(symbol, interval, openTime);
  }

  /** Trading of `symbol` ends at `at` (a delisting): candles opening before it stay as they are. */
  endTrading(symbol: string, at: number): void {
    const ended = this.endedAt.get(symbol);
    this.endedAt.set(symbol, ended === undefined ? at : Math.min(ended, at));
  }

  /** The final candle, or `undefined` if none exists at this open time. */
  final(symbol: string, interval: Interval, openTime: number): CandleState | undefined {
    return this.stateAt(symbol, interval, openTime, Number.POSITIVE_INFINITY);
  }

  /**
   * The candle as of virtual time `at` (partial while `at` ≤ close time, final after). `undefined` if the
   * candle does not exist or `at` is before its open.
   */
  stateAt(symbol: string, interval: Interval, openTime: number, at: number): CandleState | undefined {
    if (at < openTime || !this.exists(symbol, interval, openTime)) return undefined;
    const end = nextOpenTime(interval, openTime);
    const duration = end - openTime;
    const fraction = at >= end ? 1 : (at - openTime) / duration;
    const random = prng(hashString(`${symbol}|${interval}|${openTime}`));
    const decimals = this.priceDecimals(symbol);
    const volumeDecimals = this.volumeDecimals(symbol);

    // Price path: points[0] = open, points[STEPS] = close = the next candle's open.
    const open = this.boundaryPrice(symbol, openTime);
    const close = this.boundaryPrice(symbol, end);
    const wiggle = open * 0.0008 * Math.sqrt(duration / 60_000);
    const points: number[] = [open];
    for (let step = 1; step < STEPS; step += 1) {
      const linear = open + ((close - open) * step) / STEPS;
      points.push(round(linear + (random() - 0.5) * 2 * wiggle, decimals));
    }
    points.push(close);
    const highWick = round(random() * wiggle * 0.5, decimals);
    const lowWick = round(random() * wiggle * 0.5, decimals);
    const highWickStep = 1 + Math.floor(random() * STEPS);
    const lowWickStep = 1 + Math.floor(random() * STEPS);

    // Volume: a share per step, the first trade at the open.
    const totalVolume = round(
      ((this.basePriceVolume(symbol) * duration) / 60_000) * (0.5 + random()),
      volumeDecimals,
    );
    const weights: number[] = [];
    let weightSum = 0;
    for (let step = 0; step < STEPS; step += 1) {
      const weight = 0.2 + random();
      weights.push(weight);
      weightSum += weight;
    }
    const totalTrades = Math.max(1, Math.round((duration / 1_000) * (0.5 + random() * 4.5)));
    const takerShare = 0.3 + random() * 0.4;

    // Walk the steps up to `fraction`.
    const position = fraction * STEPS;
    const fullSteps = Math.min(STEPS, Math.floor(position));
    let high = open;
    let low = open;
    let volumeShare = 0;
    let quoteSum = 0;
    for (let step = 0; step < fullSteps; step += 1) {
      const next = points[step + 1]!;
      if (next > high) high = next;
      if (next < low) low = next;
      const share = weights[step]! / weightSum;
      volumeShare += share;
      quoteSum += share * (points[step]! + next) * 0.5;
    }
    let last = points[fullSteps]!;
    if (fullSteps < STEPS) {
      const part = position - fullSteps;
      const from = points[fullSteps]!;
      last = round(from + (points[fullSteps + 1]! - from) * part, decimals);
      if (last > high) high = last;
      if (last < low) low = last;
      const share = (weights[fullSteps]! / weightSum) * part;
      volumeShare += share;
      quoteSum += share * (from + last) * 0.5;
    }
    if (position >= highWickStep) high = round(high + highWick, decimals);
    if (position >= lowWickStep) low = round(Math.max(low - lowWick, low * 0.5), decimals);

    const firstShare = 1 / totalTrades;
    const shareWithFirst = firstShare + (1 - firstShare) * volumeShare;
    const volume = round(totalVolume * shareWithFirst, volumeDecimals);
    const quoteVolume = round(
      totalVolume * (firstShare * open + (1 - firstShare) * quoteSum),
      Math.max(2, decimals + volumeDecimals - 6),
    );
    const trades =
      fraction >= 1
        ? totalTrades
        : Math.max(1, Math.min(totalTrades, Math.floor(totalTrades * shareWithFirst)));
    return {
      symbol,
      interval,
      openTime,
      closeTime: end - 1,
      open,
      high,
      low,
      close: last,
      volume,
      quoteVolume,
      trades,
      takerBuyVolume: round(volume * takerShare, volumeDecimals),
      takerBuyQuoteVolume: round(quoteVolume * takerShare, 2),
      firstTradeId: Math.floor(openTime / 1_000) * 10,
      closed: fraction >= 1,
    };
  }

  /** A candle state as the core `Candle` type (for `VenueSimulator.candleAt`). */
  toCandle(state: CandleState, exchange: ExchangeId, market: MarketType): Candle {
    return {
      exchange,
      market,
      symbol: state.symbol,
      interval: state.interval,
      openTime: state.openTime,
      closeTime: state.closeTime,
      open: state.open,
      high: state.high,
      low: state.low,
      close: state.close,
      volume: state.volume,
      quoteVolume: state.quoteVolume,
      trades: state.trades,
      closed: state.closed,
    };
  }

  /** Price at a candle boundary: smooth waves plus per-boundary noise, the same for every interval. */
  boundaryPrice(symbol: string, time: number): number {
    const base = this.basePrice(symbol);
    const phase = (hashString(symbol) % 1000) / 1000;
    const days = time / 86_400_000;
    const wave =
      0.04 * Math.sin(2 * Math.PI * (days / 9 + phase)) +
      0.015 * Math.sin(2 * Math.PI * (days + phase * 3)) +
      0.004 * Math.sin(2 * Math.PI * (days * 24 + phase * 7));
    const noise = (prng(hashString(`${symbol}@${time}`))() - 0.5) * 0.002;
    return round(base * (1 + wave + noise), priceDecimalsFor(base));
  }

  private basePrice(symbol: string): number {
    let price = this.priceCache.get(symbol);
    if (price === undefined) {
      price = this.basePriceOf(symbol);
      if (!(price > 0)) throw new Error(`basePrice("${symbol}") must be > 0, got ${price}`);
      this.priceCache.set(symbol, price);
    }
    return price;
  }

  /** Base volume per minute: about 2 million quote units. */
  private basePriceVolume(symbol: string): number {
    return 2_000_000 / this.basePrice(symbol);
  }
}

/** The default base price: by a known base asset at the start of the symbol, else hashed into 1–100. */
export function defaultBasePrice(symbol: string): number {
  const upper = symbol.toUpperCase().replace(/^[^A-Z]+/, '');
  for (const [asset, price] of KNOWN_BASE_PRICES) if (upper.startsWith(asset)) return price;
  return 1 + (hashString(symbol) % 9900) / 100;
}

function priceDecimalsFor(base: number): number {
  return Math.min(8, Math.max(2, 5 - Math.floor(Math.log10(base))));
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** FNV-1a 32-bit. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
