import { nextOpenTime } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { CandleGenerator, defaultBasePrice } from './candle-generator';

const T0 = Date.UTC(2026, 0, 1);

describe('CandleGenerator', () => {
  const generator = new CandleGenerator();

  it('is deterministic and has sane OHLCV relations', () => {
    for (const interval of ['1s', '1m', '1h', '1d', '1M'] as const) {
      let openTime = T0;
      for (let index = 0; index < 20; index += 1) {
        const candle = generator.final('BTCUSDT', interval, openTime)!;
        expect(candle).toEqual(new CandleGenerator().final('BTCUSDT', interval, openTime));
        expect(candle.closeTime).toBe(nextOpenTime(interval, openTime) - 1);
        expect(candle.low).toBeLessThanOrEqual(Math.min(candle.open, candle.close));
        expect(candle.high).toBeGreaterThanOrEqual(Math.max(candle.open, candle.close));
        expect(candle.low).toBeGreaterThan(0);
        expect(candle.volume).toBeGreaterThan(0);
        expect(candle.trades).toBeGreaterThanOrEqual(1);
        const vwap = candle.quoteVolume / candle.volume;
        expect(vwap).toBeGreaterThanOrEqual(candle.low * 0.99);
        expect(vwap).toBeLessThanOrEqual(candle.high * 1.01);
        expect(candle.closed).toBe(true);
        openTime = nextOpenTime(interval, openTime);
      }
    }
  });

  it("chains candles: a close is the next candle's open", () => {
    const first = generator.final('ETHUSDT', '1m', T0)!;
    const second = generator.final('ETHUSDT', '1m', T0 + 60_000)!;
    expect(second.open).toBe(first.close);
  });

  it('grows the open candle monotonically and ends at the final candle', () => {
    const final = generator.final('BTCUSDT', '1m', T0)!;
    let previous = generator.stateAt('BTCUSDT', '1m', T0, T0)!;
    expect(previous.closed).toBe(false);
    expect(previous.open).toBe(final.open);
    for (let at = T0 + 250; at < T0 + 60_000; at += 250) {
      const state = generator.stateAt('BTCUSDT', '1m', T0, at)!;
      expect(state.closed).toBe(false);
      expect(state.high).toBeGreaterThanOrEqual(previous.high);
      expect(state.low).toBeLessThanOrEqual(previous.low);
      expect(state.volume).toBeGreaterThanOrEqual(previous.volume);
      expect(state.quoteVolume).toBeGreaterThanOrEqual(previous.quoteVolume);
      expect(state.trades).toBeGreaterThanOrEqual(previous.trades);
      expect(state.high).toBeGreaterThanOrEqual(state.close);
      expect(state.low).toBeLessThanOrEqual(state.close);
      expect(state.high).toBeLessThanOrEqual(final.high);
      expect(state.low).toBeGreaterThanOrEqual(final.low);
      previous = state;
    }
    expect(generator.stateAt('BTCUSDT', '1m', T0, T0 + 60_000)).toEqual(final);
    expect(generator.stateAt('BTCUSDT', '1m', T0, T0 - 1)).toBeUndefined();
  });

  it('has no candle for quiet intervals or unaligned open times', () => {
    const quiet = new CandleGenerator({ quiet: (_symbol, _interval, openTime) => openTime === T0 + 60_000 });
    expect(quiet.final('BTC', '1m', T0 + 60_000)).toBeUndefined();
    expect(quiet.final('BTC', '1m', T0 + 120_000)).toBeDefined();
    expect(generator.final('BTCUSDT', '1m', T0 + 1)).toBeUndefined();
  });

  it('prices by base asset and rounds to the symbol decimals', () => {
    expect(defaultBasePrice('BTCUSDT')).toBe(90_000);
    expect(defaultBasePrice('ETH-USDT-SWAP')).toBe(3_000);
    const candle = new CandleGenerator({ basePrice: () => 100 }).final('X', '1m', T0)!;
    expect(candle.open).toBeGreaterThan(90);
    expect(candle.open).toBeLessThan(110);
    const decimals = generator.priceDecimals('BTCUSDT');
    const btc = generator.final('BTCUSDT', '1m', T0)!;
    expect(Number(btc.high.toFixed(decimals))).toBe(btc.high);
    expect(() => new CandleGenerator({ basePrice: () => -1 }).final('X', '1m', T0)).toThrow('-1');
  });

  it('converts to the core Candle', () => {
    const state = generator.final('BTCUSDT', '1m', T0)!;
    const candle = generator.toCandle(state, 'binance', 'spot');
    expect(candle).toMatchObject({
      exchange: 'binance',
      market: 'spot',
      symbol: 'BTCUSDT',
      closed: true,
      open: state.open,
    });
  });
});
