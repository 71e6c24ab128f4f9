import { UnsupportedIntervalError, UnsupportedMarketError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { hyperliquid } from './hyperliquid-adapter';

describe('hyperliquid adapter', () => {
  it('offers usdm and spot, not coinm, and says why', () => {
    expect(hyperliquid.markets.coinm).toBeUndefined();
    expect(hyperliquid.unsupportedMarkets?.coinm).toMatch(/coin-margined/);
    expect(() => hyperliquid.connectUrl('coinm', 'wss://api.hyperliquid.xyz', [])).toThrow(
      UnsupportedMarketError,
    );
  });

  it('describes the venue limits and rollover close detection', () => {
    for (const market of ['usdm', 'spot'] as const) {
      const spec = hyperliquid.markets[market]!;
      expect(spec.endpoints.prod).toEqual({
        ws: 'wss://api.hyperliquid.xyz',
        rest: 'https://api.hyperliquid.xyz',
      });
      expect(spec.endpoints.testnet?.ws).toBe('wss://api.hyperliquid-testnet.xyz');
      expect(spec.ws).toMatchObject({
        maxStreamsPerRequest: 1,
        maxConnections: 10,
        maxSubscriptions: 1000,
        rejectScope: 'stream',
        unknownSymbolKillsConnection: true,
        heartbeat: { everyMs: 30_000, frame: '{"method":"ping"}' },
      });
      expect(spec.ws.inactivityTimeoutMs).toBeLessThan(60_000);
      expect(spec.candles).toMatchObject({ closeDetection: 'rollover', emptyIntervals: 'absent' });
      expect(spec.rest).toMatchObject({ maxCandlesPerRequest: 5000, historyDepth: 5000 });
      expect(spec.intervals['1s']).toBeUndefined();
      expect(spec.intervals['6h']).toBeUndefined();
      expect(spec.intervals['1M']).toBe('1M');
    }
  });

  it('connects to /ws of any base', () => {
    expect(hyperliquid.connectUrl('usdm', 'wss://api.hyperliquid.xyz', [])).toBe(
      'wss://api.hyperliquid.xyz/ws',
    );
    expect(hyperliquid.connectUrl('spot', 'ws://127.0.0.1:9000/', [])).toBe('ws://127.0.0.1:9000/ws');
  });

  it('subscribes one candle stream per frame', () => {
    expect(hyperliquid.subscribe('usdm', [{ symbol: 'BTC', interval: '1m' }], 7, 0)).toBe(
      '{"method":"subscribe","subscription":{"type":"candle","coin":"BTC","interval":"1m"}}',
    );
    expect(hyperliquid.unsubscribe('spot', [{ symbol: '@107', interval: '1h' }], 8, 0)).toBe(
      '{"method":"unsubscribe","subscription":{"type":"candle","coin":"@107","interval":"1h"}}',
    );
    expect(hyperliquid.streamName('usdm', { symbol: 'kPEPE', interval: '5m' })).toBe('candle:kPEPE:5m');
    expect(() =>
      hyperliquid.subscribe(
        'usdm',
        [
          { symbol: 'BTC', interval: '1m' },
          { symbol: 'ETH', interval: '1m' },
        ],
        1,
        0,
      ),
    ).toThrow(/exactly one stream per frame, got 2/);
    expect(() => hyperliquid.subscribe('usdm', [{ symbol: 'BTC', interval: '6h' }], 1, 0)).toThrow(
      UnsupportedIntervalError,
    );
  });

  it('round-trips its own subscribe frame through an ack', () => {
    const frame = hyperliquid.subscribe('usdm', [{ symbol: 'xyz:XYZ100', interval: '1h' }], 1, 0);
    const ack = JSON.stringify({ channel: 'subscriptionResponse', data: JSON.parse(frame) });
    expect(hyperliquid.parse('usdm', ack)).toEqual([
      { type: 'subscribed', streams: [{ symbol: 'xyz:XYZ100', interval: '1h' }] },
    ]);
  });
});
