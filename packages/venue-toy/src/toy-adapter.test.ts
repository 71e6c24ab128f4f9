import { createVenueRegistry, heartbeatFrame, historyDepthOf, venueIntervalId } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { toy } from './index';

const spot = toy.markets.spot!;
const NOW = 1_767_225_600_123.5;

describe('toy adapter (contract v2)', () => {
  it('declares its id, display name and alias, checked by a registry', () => {
    const registry = createVenueRegistry([toy]);
    expect(registry.get('TOY.VENUE')).toBe(toy);
    expect(registry.describe()).toBe('toy (alias toy.venue)');
  });

  it('spells intervals per channel and keeps a history depth per interval', () => {
    expect(venueIntervalId(spot, '1m', 'ws')).toBe('1min');
    expect(venueIntervalId(spot, '1m', 'rest')).toBe('60');
    expect(historyDepthOf(spot, '1m')).toBe(2_000);
    expect(historyDepthOf(spot, '1h')).toBe(500);
    expect(toy.streamName('spot', { symbol: 'BTC-USD', interval: '5m' })).toBe('BTC-USD.5min');
    expect(
      toy.candlesRequest(
        'spot',
        'http://127.0.0.1:1/',
        { symbol: 'BTC-USD', interval: '1h', startTime: 0, endTime: 3_600_000, limit: 2 },
        NOW,
      ).url,
    ).toBe(
      'http://127.0.0.1:1/v1/candles?symbol=BTC-USD&res=3600&from=0&to=3600000&limit=2&ts=1767225600123',
    );
  });

  it('stamps subscribe frames and pings with the now the engine passes, never its own clock', () => {
    expect(JSON.parse(toy.subscribe('spot', [{ symbol: 'BTC-USD', interval: '1m' }], 3, NOW))).toEqual({
      op: 'sub',
      id: 3,
      ts: 1_767_225_600_123,
      topics: ['BTC-USD.1min'],
    });
    expect(JSON.parse(toy.unsubscribe('spot', [{ symbol: 'BTC-USD', interval: '1m' }], 4, 5)).ts).toBe(5);
    expect(heartbeatFrame(spot.ws.heartbeat!, NOW)).toBe('{"op":"ping","ts":1767225600123}');
  });

  it('parses acks, per-topic refusals and pushes; malformed frames yield errors, never throws', () => {
    expect(toy.parse('spot', '{"op":"ok","id":3,"topics":["BTC-USD.1min"]}')).toEqual([
      { type: 'subscribed', requestId: 3, streams: [{ symbol: 'BTC-USD', interval: '1m' }] },
    ]);
    expect(
      toy.parse('spot', '{"op":"fail","id":3,"topic":"NOPE-USD.1min","message":"unknown symbol NOPE-USD"}'),
    ).toEqual([
      {
        type: 'rejected',
        requestId: 3,
        streams: [{ symbol: 'NOPE-USD', interval: '1m' }],
        message: 'unknown symbol NOPE-USD',
      },
    ]);
    expect(toy.parse('spot', '{"topic":"BTC-USD.1min","k":[60000,"1","3","0.5","2","10",1]}')).toEqual([
      {
        type: 'candle',
        candle: {
          exchange: 'toy',
          market: 'spot',
          symbol: 'BTC-USD',
          interval: '1m',
          openTime: 60_000,
          closeTime: 119_999,
          open: 1,
          high: 3,
          low: 0.5,
          close: 2,
          volume: 10,
          closed: true,
        },
      },
    ]);
    expect(toy.parse('spot', '{"topic":"BTC-USD.1min","k":"x"}')[0]?.type).toBe('error');
    expect(toy.parse('spot', '{"topic":')[0]?.type).toBe('error');
    expect(toy.normalizeSymbol('spot', 'btc/usd')).toBe('BTC-USD');
    expect(() => toy.normalizeSymbol('spot', 'btc')).toThrow('"btc" is not a toy symbol');
  });
});
