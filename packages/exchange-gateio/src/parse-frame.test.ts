import type { InstrumentIndex, SymbolInfo, VenueEvent } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { fixtureFrames } from './__fixtures__/load-fixture';
import { parseFrame } from './parse-frame';

const spotFrames = fixtureFrames('spot-ws.ndjson');
const futuresFrames = fixtureFrames('futures-ws.ndjson');

function candles(events: VenueEvent[]) {
  return events.flatMap((event) => (event.type === 'candle' ? [event.candle] : []));
}

/** The doc's spot push with `w` changed or removed (the live sample shows `w:false`, with elided prices). */
function spotPushWith(change: (result: Record<string, unknown>) => void): string {
  const message = JSON.parse(spotFrames[0]!) as { result: Record<string, unknown> };
  change(message.result);
  return JSON.stringify(message);
}

const usdtInstruments: InstrumentIndex = new Map<string, SymbolInfo>([
  [
    'BTC_USDT',
    {
      symbol: 'BTC_USDT',
      unified: 'BTC/USDT:USDT',
      base: 'BTC',
      quote: 'USDT',
      settle: 'USDT',
      market: 'usdm',
      status: 'trading',
      active: true,
      contractSize: 0.0001,
    },
  ],
]);

describe('parseFrame spot', () => {
  it('maps the docs push: t seconds string, a base, v quote, w true → closed', () => {
    expect(parseFrame('spot', spotFrames[0]!)).toEqual([
      {
        type: 'candle',
        candle: {
          exchange: 'gateio',
          market: 'spot',
          symbol: 'BTC_USDT',
          interval: '1m',
          openTime: 1606292580000,
          closeTime: 1606292639999,
          open: 19128.1,
          high: 19128.1,
          low: 19128.1,
          close: 19128.1,
          volume: 3.8283,
          quoteVolume: 2362.32035,
          closed: true,
        },
      },
    ]);
  });

  it('never marks a candle closed when w is false or missing', () => {
    const withFalse = spotPushWith((result) => {
      result.w = false;
    });
    const withoutW = spotPushWith((result) => {
      delete result.w;
    });
    expect(candles(parseFrame('spot', withFalse))[0]!.closed).toBe(false);
    expect(candles(parseFrame('spot', withoutW))[0]!.closed).toBe(false);
  });

  it('estimates the base volume as v / close when the push has no `a` (2021 spot frames)', () => {
    // A live 2021 push (recorded by cryptofeed): no `a`, `v` the quote volume.
    const frame = JSON.stringify({
      time: 1619093534,
      channel: 'spot.candlesticks',
      event: 'update',
      result: {
        t: '1619093520',
        v: '38.43458',
        c: '10.42',
        h: '10.46',
        l: '10.42',
        o: '10.46',
        n: '1m_FAST_USDT',
      },
    });
    const [candle] = candles(parseFrame('spot', frame));
    expect(candle).toMatchObject({
      symbol: 'FAST_USDT',
      openTime: 1619093520000,
      quoteVolume: 38.43458,
      closed: false,
    });
    expect(candle!.volume).toBeCloseTo(38.43458 / 10.42, 9);
    expect(candle!.volume).toBeGreaterThanOrEqual(38.43458 / 10.46);
    const silent = spotPushWith((result) => {
      delete result.a;
      result.v = '0';
    });
    expect(candles(parseFrame('spot', silent))[0]!.volume).toBe(0);
    const bad = spotPushWith((result) => {
      result.a = 'x';
    });
    expect(parseFrame('spot', bad)[0]!.type).toBe('error');
  });

  it('splits n on the first underscore only', () => {
    const frame = spotPushWith((result) => {
      result.n = '1h_币安人生_USDT';
    });
    const [candle] = candles(parseFrame('spot', frame));
    expect(candle!.symbol).toBe('币安人生_USDT');
    expect(candle!.interval).toBe('1h');
  });

  it('ignores intervals we do not map (10s, 7d)', () => {
    const frame = spotPushWith((result) => {
      result.n = '7d_BTC_USDT';
    });
    expect(parseFrame('spot', frame)).toEqual([{ type: 'ignore' }]);
  });

  it('acks with and without request id', () => {
    expect(parseFrame('spot', spotFrames[1]!)).toEqual([{ type: 'subscribed' }]);
    expect(parseFrame('spot', spotFrames[2]!)).toEqual([{ type: 'subscribed', requestId: 1649062303 }]);
  });

  it('rejects with the venue message (wire shape result.status fail, and docs shape result null)', () => {
    expect(parseFrame('spot', spotFrames[3]!)).toEqual([
      { type: 'rejected', message: 'unknown currency pair: NOPE_USD', code: '2' },
    ]);
    expect(parseFrame('spot', spotFrames[4]!)).toEqual([
      { type: 'rejected', message: 'unknown currency pair GIBBERISH_USD', code: '2' },
    ]);
  });

  it('names the rejected stream from the payload echo and the request id', () => {
    const frame = JSON.stringify({
      time: 1790134507,
      time_ms: 1790134507715,
      id: 7,
      conn_id: 'c',
      trace_id: 't',
      channel: 'spot.candlesticks',
      event: 'subscribe',
      payload: ['1m', 'NOPE_USDT'],
      error: { code: 2, message: 'unknown currency pair NOPE_USDT' },
      result: { status: 'fail' },
    });
    expect(parseFrame('spot', frame)).toEqual([
      {
        type: 'rejected',
        requestId: 7,
        streams: [{ symbol: 'NOPE_USDT', interval: '1m' }],
        message: 'unknown currency pair NOPE_USDT',
        code: '2',
      },
    ]);
  });

  it('turns both pong shapes into pong', () => {
    expect(parseFrame('spot', spotFrames[5]!)).toEqual([{ type: 'pong' }]);
    expect(parseFrame('spot', spotFrames[6]!)).toEqual([{ type: 'pong' }]);
  });

  it('reports malformed frames without throwing', () => {
    expect(parseFrame('spot', 'not json')[0]!.type).toBe('error');
    expect(parseFrame('spot', '[1,2]')[0]!.type).toBe('error');
    const badPrice = spotPushWith((result) => {
      result.c = 'x';
    });
    expect(parseFrame('spot', badPrice)[0]!.type).toBe('error');
  });
});

describe('parseFrame futures', () => {
  it('coinm: every array element, volume USD ÷ close (approximate), quoteVolume = contracts (USD)', () => {
    const result = candles(parseFrame('coinm', futuresFrames[0]!));
    expect(result).toHaveLength(2);
    expect(result[0]).toMatchObject({
      market: 'coinm',
      symbol: 'BTC_USD',
      openTime: 1545129300000,
      open: 94.3,
      high: 96.9,
      low: 89.5,
      close: 95.4,
      quoteVolume: 27525555,
      closed: false,
    });
    expect(result[0]!.volume).toBeCloseTo(27525555 / 95.4, 6);
  });

  it('usdm: contracts × quanto_multiplier from the instruments', () => {
    const frame = futuresFrames[0]!.replaceAll('1m_BTC_USD"', '1m_BTC_USDT"');
    const [candle] = candles(parseFrame('usdm', frame, usdtInstruments));
    expect(candle!.volume).toBeCloseTo(2752.5555, 9);
    expect(candle!.quoteVolume).toBeUndefined();
    expect(candle!.closed).toBe(false);
  });

  it('usdm without a contract size is an error naming the symbol, not a wrong volume', () => {
    const frame = futuresFrames[0]!.replaceAll('1m_BTC_USD"', '1m_ETH_USDT"');
    const events = parseFrame('usdm', frame, usdtInstruments);
    expect(events[0]).toMatchObject({ type: 'error', code: 'contract_size_unknown' });
    expect((events[0] as { message: string }).message).toContain('ETH_USDT');
  });

  it('acks and pongs', () => {
    expect(parseFrame('usdm', futuresFrames[1]!)).toEqual([{ type: 'subscribed' }]);
    expect(parseFrame('usdm', futuresFrames[2]!)).toEqual([{ type: 'pong' }]);
    expect(parseFrame('coinm', futuresFrames[3]!)).toEqual([{ type: 'subscribed' }]);
  });

  it('futures.system upgrade asks to reconnect', () => {
    const frame = '{"time":1,"channel":"futures.system","event":"update","result":{"type":"upgrade"}}';
    expect(parseFrame('usdm', frame)[0]!.type).toBe('reconnect');
  });

  it('ignores spot pushes on a futures connection', () => {
    expect(parseFrame('usdm', spotFrames[0]!)).toEqual([{ type: 'ignore' }]);
  });

  it('reports a request-format error frame', () => {
    const frame =
      '{"time":1,"channel":"","event":"","error":{"code":1,"message":"request message need json scheme"}}';
    expect(parseFrame('usdm', frame)[0]).toMatchObject({ type: 'error', code: '1' });
  });
});
