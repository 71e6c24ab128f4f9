import { INTERVALS, UnsupportedMarketError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { BINANCE_MARKET_SPECS, marketSpec } from './market-specs';
import { binanceSubscribeFrame } from './stream-frames';

describe('BINANCE_MARKET_SPECS', () => {
  it('offers all 16 intervals on spot, 1s included', () => {
    expect(Object.keys(BINANCE_MARKET_SPECS.spot.intervals).sort()).toEqual([...INTERVALS].sort());
  });

  it.each(['usdm', 'coinm'] as const)('offers every interval but 1s on %s', (market) => {
    const intervals = Object.keys(BINANCE_MARKET_SPECS[market].intervals);
    expect(intervals).toHaveLength(15);
    expect(intervals).not.toContain('1s');
  });

  it('holds endpoint bases only (scheme + host + port), prod and testnet', () => {
    expect(BINANCE_MARKET_SPECS.spot.endpoints).toEqual({
      prod: { ws: 'wss://stream.binance.com:9443', rest: 'https://api.binance.com' },
      testnet: { ws: 'wss://stream.testnet.binance.vision', rest: 'https://testnet.binance.vision' },
    });
    expect(BINANCE_MARKET_SPECS.usdm.endpoints.prod).toEqual({
      ws: 'wss://fstream.binance.com',
      rest: 'https://fapi.binance.com',
    });
    expect(BINANCE_MARKET_SPECS.coinm.endpoints.testnet).toEqual({
      ws: 'wss://dstream.binancefuture.com',
      rest: 'https://testnet.binancefuture.com',
    });
  });

  it('stays under the venue limits with a margin', () => {
    expect(BINANCE_MARKET_SPECS.spot.ws.controlRate).toEqual({ messages: 5, perMs: 1000 });
    expect(BINANCE_MARKET_SPECS.usdm.ws.controlRate).toEqual({ messages: 10, perMs: 1000 });
    expect(BINANCE_MARKET_SPECS.spot.rest.rateLimit.weight).toBeLessThan(6000);
    expect(BINANCE_MARKET_SPECS.coinm.rest.rateLimit.weight).toBeLessThan(2400);
    expect(BINANCE_MARKET_SPECS.spot.rest.maxCandlesPerRequest).toBe(1000);
    expect(BINANCE_MARKET_SPECS.usdm.rest.maxCandlesPerRequest).toBe(1500);
    for (const spec of Object.values(BINANCE_MARKET_SPECS)) {
      expect(spec.ws.maxStreamsPerConnection).toBe(1024);
      expect(spec.ws.maxConnectionAgeMs).toBeLessThan(24 * 3_600_000);
      expect(spec.ws.rejectScope).toBe('silent');
      expect(spec.ws.heartbeat).toBeUndefined();
      expect(spec.candles.closeDetection).toBe('flag');
      expect(spec.candles.emptyIntervals).toBe('present');
    }
  });

  it('keeps a full subscribe frame of long names under the ~4096-byte limit', () => {
    const spec = BINANCE_MARKET_SPECS.usdm;
    const streams = Array.from({ length: spec.ws.maxStreamsPerRequest }, (_, index) => ({
      symbol: `1000000BOBUSDT_${String(index).padStart(6, '0')}`, // 21 characters, longer than any listed
      interval: '12h' as const,
    }));
    const frame = binanceSubscribeFrame('usdm', streams, Number.MAX_SAFE_INTEGER);
    expect(Buffer.byteLength(frame)).toBeLessThan(4096);
    expect(spec.ws.maxRequestBytes).toBeLessThan(4096 - 100);
  });

  it('names an unknown market', () => {
    expect(() => marketSpec('options' as never)).toThrow(UnsupportedMarketError);
    expect(() => marketSpec('options' as never)).toThrow(/options/);
  });
});
