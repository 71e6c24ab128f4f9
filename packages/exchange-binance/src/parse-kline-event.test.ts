import { describe, expect, it } from 'vitest';
import { coinmInstruments as coinmFixture } from './__fixtures__/coinm-instruments';
import { readFrames } from './__fixtures__/read-fixture';
import { parseBinanceFrame } from './parse-kline-event';

const coinmInstruments = coinmFixture('BTCUSD_200626', 'BTC/USD:BTC-200626');

describe('parseBinanceFrame: kline events', () => {
  it.each(readFrames('spot-kline-event.ndjson'))(
    'reads the official spot sample (raw and combined): %s',
    (frame) => {
      expect(parseBinanceFrame('spot', frame)).toEqual([
        {
          type: 'candle',
          candle: {
            exchange: 'binance',
            market: 'spot',
            symbol: 'BNBBTC',
            interval: '1m',
            openTime: 1672515780000,
            closeTime: 1672515839999,
            open: 0.001,
            high: 0.0025,
            low: 0.0015,
            close: 0.002,
            volume: 1000,
            quoteVolume: 1,
            trades: 100,
            closed: false,
          },
        },
      ]);
    },
  );

  it.each(readFrames('usdm-kline-event.ndjson'))(
    'reads the USDⓈ-M sample: base volume from v, quote from q',
    (frame) => {
      const [event] = parseBinanceFrame('usdm', frame);
      expect(event).toMatchObject({
        type: 'candle',
        candle: {
          market: 'usdm',
          symbol: 'BTCUSDT',
          openTime: 1638747660000,
          closeTime: 1638747719999,
          volume: 1000,
        },
      });
      expect(event?.type === 'candle' && event.candle.quoteVolume).toBe(1);
    },
  );

  it.each(readFrames('coinm-kline-event.ndjson'))(
    'reads COIN-M volume from q (base), not v (contracts)',
    (frame) => {
      const [event] = parseBinanceFrame('coinm', frame);
      expect(event).toEqual({
        type: 'candle',
        candle: {
          exchange: 'binance',
          market: 'coinm',
          symbol: 'BTCUSD_200626',
          interval: '1m',
          openTime: 1591261500000,
          closeTime: 1591261559999,
          open: 9638.9,
          high: 9639.8,
          low: 9638.6,
          close: 9639.8,
          volume: 1.61836886,
          trades: 31,
          closed: false,
        },
      });
      expect(event?.type === 'candle' && 'quoteVolume' in event.candle).toBe(false);
    },
  );

  it('derives COIN-M quote volume (USD) from contracts × contractSize when instruments are given', () => {
    const [frame] = readFrames('coinm-kline-event.ndjson');
    const [event] = parseBinanceFrame('coinm', frame!, coinmInstruments);
    expect(event?.type === 'candle' && event.candle.quoteVolume).toBe(15_600);
    expect(event?.type === 'candle' && event.candle.volume).toBe(1.61836886);
  });

  it('reports the closed flag k.x', () => {
    const frame = readFrames('spot-kline-event.ndjson')[0]!.replace('"x":false', '"x":true');
    const [event] = parseBinanceFrame('spot', frame);
    expect(event?.type === 'candle' && event.candle.closed).toBe(true);
  });
});

describe('parseBinanceFrame: control messages', () => {
  it('turns acks into subscribed with the request id (SUBSCRIBE and UNSUBSCRIBE alike)', () => {
    const [first, second] = readFrames('acks.ndjson');
    expect(parseBinanceFrame('spot', first!)).toEqual([{ type: 'subscribed', requestId: 1 }]);
    expect(parseBinanceFrame('usdm', second!)).toEqual([{ type: 'subscribed', requestId: 312 }]);
  });

  it('turns error responses into error, and code 4 into a rejection of the request', () => {
    const [invalid, tooMany] = readFrames('error-acks.ndjson');
    expect(parseBinanceFrame('spot', invalid!)).toEqual([
      {
        type: 'error',
        message: 'binance spot: Invalid request: missing field `method` at line 4 column 1',
        code: '2',
        requestId: 3,
      },
    ]);
    expect(parseBinanceFrame('usdm', tooMany!)).toEqual([
      { type: 'rejected', requestId: 1, message: 'Too many subscriptions', code: '4' },
    ]);
  });

  it('reads the flat error shape of the doc table', () => {
    expect(parseBinanceFrame('spot', '{"code": 0, "msg": "Unknown property","id": 7}')).toEqual([
      { type: 'error', message: 'binance spot: Unknown property', code: '0', requestId: 7 },
    ]);
  });

  it.each(readFrames('server-shutdown.ndjson'))('asks to reconnect on serverShutdown: %s', (frame) => {
    const [event] = parseBinanceFrame('spot', frame);
    expect(event?.type).toBe('reconnect');
    expect(event?.type === 'reconnect' && event.reason).toMatch(/serverShutdown/);
  });

  it.each(readFrames('other-responses.ndjson'))('ignores query responses: %s', (frame) => {
    expect(parseBinanceFrame('spot', frame)).toEqual([{ type: 'ignore' }]);
  });

  it('ignores other event types', () => {
    expect(
      parseBinanceFrame('spot', '{"stream":"btcusdt@trade","data":{"e":"trade","s":"BTCUSDT"}}'),
    ).toEqual([{ type: 'ignore' }]);
  });
});

describe('parseBinanceFrame: malformed input never throws', () => {
  it.each([
    ['not JSON', 'not json {'],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"hello"'],
    ['an empty object', '{}'],
    ['a kline without k', '{"e":"kline","s":"BTCUSDT"}'],
    [
      'a kline with a non-numeric price',
      '{"e":"kline","k":{"t":1,"T":2,"s":"X","i":"1m","o":"abc","c":"1","h":"1","l":"1","v":"1","x":false}}',
    ],
    [
      'a kline with an empty price',
      '{"e":"kline","k":{"t":1,"T":2,"s":"X","i":"1m","o":"","c":"1","h":"1","l":"1","v":"1","x":false}}',
    ],
    [
      'a kline with a string closed flag',
      '{"e":"kline","k":{"t":1,"T":2,"s":"X","i":"1m","o":"1","c":"1","h":"1","l":"1","v":"1","x":"true"}}',
    ],
  ])('%s → error', (_name, frame) => {
    const events = parseBinanceFrame('spot', frame);
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('error');
  });

  it('refuses a 1s kline on a futures market', () => {
    const frame = readFrames('usdm-kline-event.ndjson')[0]!.replace('"i":"1m"', '"i":"1s"');
    const [event] = parseBinanceFrame('usdm', frame);
    expect(event?.type === 'error' && event.message).toMatch(/unknown interval 1s/);
  });
});
