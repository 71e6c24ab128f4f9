import { VENUE_ADAPTER_SPEC_VERSION, type VenueAdapter } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { binance } from './binance-adapter';

describe('binance adapter', () => {
  const adapter: VenueAdapter = binance;

  it('implements contract v1 for spot, usdm and coinm', () => {
    expect(adapter.specificationVersion).toBe(VENUE_ADAPTER_SPEC_VERSION);
    expect(adapter.id).toBe('binance');
    expect(Object.keys(adapter.markets).sort()).toEqual(['coinm', 'spot', 'usdm']);
  });

  it('wires a stream from user input to frames and back', () => {
    const symbol = adapter.normalizeSymbol('usdm', 'BTC/USDT:USDT');
    const stream = { symbol, interval: '1m' as const };
    expect(adapter.connectUrl('usdm', 'ws://127.0.0.1:4000', [stream])).toBe(
      'ws://127.0.0.1:4000/market/stream?streams=',
    );
    expect(adapter.subscribe('usdm', [stream], 9, 0)).toBe(
      '{"method":"SUBSCRIBE","params":["btcusdt@kline_1m"],"id":9}',
    );
    expect(adapter.parse('usdm', '{"result":null,"id":9}')).toEqual([{ type: 'subscribed', requestId: 9 }]);
    expect(
      adapter.candlesRequest(
        'usdm',
        'http://127.0.0.1:4001',
        {
          ...stream,
          startTime: 0,
          endTime: 60_000,
          limit: 2,
        },
        0,
      ).url,
    ).toBe(
      'http://127.0.0.1:4001/fapi/v1/klines?symbol=BTCUSDT&interval=1m&startTime=0&endTime=60000&limit=2',
    );
  });
});
