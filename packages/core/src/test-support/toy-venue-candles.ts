import { type Interval, intervalMs } from '../interval';
import { TOY_INTERVALS } from './toy-adapter';

/** How the toy venue's candles look: deterministic values per symbol and open time. */

/** The interval of a toy stream name (`SYMBOL@1m`). */
export function intervalOf(name: string): Interval {
  const id = name.split('@')[1];
  const entry = Object.entries(TOY_INTERVALS).find(([, value]) => value === id);
  return (entry?.[0] as Interval | undefined) ?? '1m';
}

function hash(text: string): number {
  let value = 0;
  for (let index = 0; index < text.length; index += 1) value = (value * 31 + text.charCodeAt(index)) % 1_000;
  return value;
}

/** The venue's final candles, their values as of a moment (partial while open) and its kline frames. */
export function toyCandles(partialOpen: boolean, closeDetection: 'flag' | 'rollover') {
  function candleAt(symbol: string, _interval: Interval, openTime: number) {
    const base = 100 + hash(symbol) + ((openTime / 1_000) % 97);
    return {
      openTime,
      open: base,
      high: base + 2,
      low: base - 1,
      close: base + 1,
      volume: 1 + ((openTime / 1_000) % 13),
    };
  }

  /** The candle's values as of a moment: final once closed, partial before (with `partialOpen`). */
  function valuesAt(symbol: string, interval: Interval, openTime: number, closed: boolean) {
    const candle = candleAt(symbol, interval, openTime);
    if (closed || !partialOpen) return candle;
    return { ...candle, close: candle.open, volume: candle.volume / 2 };
  }

  function kline(name: string, openTime: number, closed: boolean): string {
    const [symbol = ''] = name.split('@');
    const interval = intervalOf(name);
    const candle = valuesAt(symbol, interval, openTime, closed);
    const k: Record<string, unknown> = {
      t: openTime,
      T: openTime + intervalMs(interval) - 1,
      o: String(candle.open),
      h: String(candle.high),
      l: String(candle.low),
      c: String(candle.close),
      v: String(candle.volume),
    };
    if (closeDetection === 'flag') k.x = closed;
    return JSON.stringify({ topic: name, k });
  }
  return { candleAt, valuesAt, kline };
}
