import { INTERVALS, UnsupportedIntervalError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { okx } from './okx-adapter';
import { intervalOfChannel, okxBar, okxCandleChannel } from './okx-intervals';

describe('okx market specs', () => {
  it('offers spot, usdm and coinm with the venue limits', () => {
    for (const market of ['spot', 'usdm', 'coinm'] as const) {
      const spec = okx.markets[market]!;
      expect(spec.endpoints.prod).toEqual({ ws: 'wss://ws.okx.com', rest: 'https://www.okx.com' });
      expect(spec.endpoints.testnet?.ws).toBe('wss://wspap.okx.com');
      expect(spec.ws.heartbeat).toEqual({ everyMs: 20_000, frame: 'ping' });
      expect(spec.ws.inactivityTimeoutMs).toBeGreaterThan(30_000);
      expect(spec.ws.subscribeBudget).toEqual({ messages: 480, perMs: 3_600_000 });
      expect(spec.ws.connectRate).toEqual({ connections: 3, perMs: 1_000 });
      expect(spec.ws.rejectScope).toBe('stream');
      expect(spec.ws.maxRequestBytes).toBeLessThanOrEqual(64 * 1024);
      expect(spec.rest).toEqual({ maxCandlesPerRequest: 100, rateLimit: { weight: 40, perMs: 2_000 } });
      expect(spec.candles.closeDetection).toBe('flag');
    }
  });

  it('maps every interval but 8h, with UTC-aligned bars from 6h up, and back from channels', () => {
    const spec = okx.markets.spot!;
    expect(Object.keys(spec.intervals).sort()).toEqual(
      INTERVALS.filter((interval) => interval !== '8h').sort(),
    );
    expect(okxCandleChannel('spot', '6h')).toBe('candle6Hutc');
    expect(okxCandleChannel('spot', '1M')).toBe('candle1Mutc');
    expect(okxCandleChannel('spot', '1m')).toBe('candle1m');
    for (const interval of INTERVALS.filter((candidate) => candidate !== '8h')) {
      expect(intervalOfChannel(okxCandleChannel('spot', interval))).toBe(interval);
    }
    expect(intervalOfChannel('candle1D')).toBeUndefined();
    expect(() => okxBar('usdm', '8h')).toThrowError(UnsupportedIntervalError);
  });
});
