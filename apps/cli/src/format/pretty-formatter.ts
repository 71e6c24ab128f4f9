import type { Candle } from '@ohlcv/core';
import type { CandleFormatter } from './candle-formatter';

function time(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z').replace('T', ' ');
}

/** Decimals of a number as JavaScript prints it (`65000.1` → 1, `1e-7` → 7), at most 10. */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) {
    const mantissa = text.slice(0, text.indexOf('e'));
    const dot = mantissa.indexOf('.');
    return Math.min(10, Number(exponent[1]) + (dot < 0 ? 0 : mantissa.length - dot - 1));
  }
  return Math.min(10, text.length - text.indexOf('.') - 1);
}

function stateOf(candle: Candle, source: 'live' | 'rest'): string {
  return candle.closed ? (source === 'rest' ? 'closed (from REST)' : 'closed') : 'open';
}

/** Decimals learned per stream (a stream's prices share its tick size); they only ever grow. */
interface StreamDecimals {
  price: number;
  volume: number;
}

/**
 * One readable line per candle: time, stream, O/H/L/C with the decimals the stream's prices have shown
 * (the venue's tick size, as far as the values reveal it), volume likewise, right-aligned in columns
 * shared by every stream, and the state (and where a closed candle came from). Stateful: one per output.
 */
export class PrettyFormatter implements CandleFormatter {
  readonly #decimals = new Map<string, StreamDecimals>();
  /** Widths shared by every stream, so the columns of all lines line up; they only ever grow. */
  #streamWidth = 0;
  #priceWidth = 0;
  #volumeWidth = 0;

  header(): string | undefined {
    return undefined;
  }

  format(candle: Candle, source: 'live' | 'rest'): string {
    const stream = `${candle.exchange}:${candle.market}:${candle.symbol}:${candle.interval}`;
    const decimals = this.#learn(stream, candle);
    const price = (value: number) => value.toFixed(decimals.price).padStart(this.#priceWidth);
    return [
      time(candle.openTime),
      stream.padEnd(this.#streamWidth),
      `O ${price(candle.open)}`,
      `H ${price(candle.high)}`,
      `L ${price(candle.low)}`,
      `C ${price(candle.close)}`,
      `V ${candle.volume.toFixed(decimals.volume).padStart(this.#volumeWidth)}`,
      stateOf(candle, source),
    ].join('  ');
  }

  #learn(stream: string, candle: Candle): StreamDecimals {
    const decimals = this.#decimals.get(stream) ?? { price: 0, volume: 0 };
    this.#decimals.set(stream, decimals);
    const prices = [candle.open, candle.high, candle.low, candle.close];
    decimals.price = Math.max(decimals.price, ...prices.map(decimalsOf));
    decimals.volume = Math.max(decimals.volume, Math.min(4, decimalsOf(candle.volume)));
    this.#streamWidth = Math.max(this.#streamWidth, stream.length);
    for (const value of prices)
      this.#priceWidth = Math.max(this.#priceWidth, value.toFixed(decimals.price).length);
    this.#volumeWidth = Math.max(this.#volumeWidth, candle.volume.toFixed(decimals.volume).length);
    return decimals;
  }
}

/** One candle as a pretty line, without alignment to earlier lines. */
export function candleToPretty(candle: Candle, source: 'live' | 'rest'): string {
  return new PrettyFormatter().format(candle, source);
}
