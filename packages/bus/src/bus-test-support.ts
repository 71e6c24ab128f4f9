import type { Candle } from '@ohlcv/core';
import { expect } from 'vitest';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 1);
// A symbol with characters some buses must encode (subjects, key names).
export const KEYS = ['binance:spot:BTCUSDT:1m', 'hyperliquid:spot:PURR/USDC:1m', 'okx:usdm:BTC-USDT-SWAP:1m'];

/** The closed (or open) 1m candle number `index` of a stream key. */
export function busTestCandle(key: string, index: number, closed = true): Candle {
  const [exchange, market, ...rest] = key.split(':');
  const interval = rest.pop() as Candle['interval'];
  const openTime = START + index * MINUTE;
  const price = 100 + index;
  return {
    exchange: exchange as Candle['exchange'],
    market: market as Candle['market'],
    symbol: rest.join(':'),
    interval,
    openTime,
    closeTime: openTime + MINUTE - 1,
    open: price,
    high: price + 2,
    low: price - 1,
    close: price + 1,
    volume: 10 + index / 4,
    quoteVolume: 1_000 + index,
    trades: index,
    closed,
  };
}

/** Polls `check` until it returns true; fails naming `what` after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function retry<T>(action: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await action();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export const opens = (candles: readonly Candle[]): number[] => candles.map((candle) => candle.openTime);

/**
 * Expects `observed` to hold if it was observed less than `ttlMs` after `startedAt` (read before
 * the write that started the TTL). A later observation proves nothing either way: on a loaded machine
 * the TTL may have run out between the write and the read, so it is not judged (never a false failure).
 */
export function expectWithinTtl(startedAt: number, ttlMs: number, observed: boolean, what: string): void {
  if (Date.now() - startedAt < ttlMs) expect(observed, what).toBe(true);
}
