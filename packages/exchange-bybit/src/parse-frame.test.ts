import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFrame } from './parse-frame';

function fixtureLines(name: string): string[] {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')
    .trim()
    .split('\n');
}

const [klinePush] = fixtureLines('kline-push.ndjson');
const [
  spotAck,
  linearAck,
  spotPong,
  linearPong,
  handlerNotFound,
  invalidSymbol,
  alreadySubscribed,
  argsSize,
] = fixtureLines('ws-control.ndjson');

describe('parseFrame: kline pushes', () => {
  it('turns the documented push into an open candle (linear: volume base, turnover quote)', () => {
    expect(parseFrame('usdm', klinePush!)).toEqual([
      {
        type: 'candle',
        candle: {
          exchange: 'bybit',
          market: 'usdm',
          symbol: 'BTCUSDT',
          interval: '5m',
          openTime: 1672324800000,
          closeTime: 1672325099999,
          open: 16649.5,
          high: 16677,
          low: 16608,
          close: 16677,
          volume: 2.081,
          quoteVolume: 34666.4005,
          closed: false,
        },
      },
    ]);
  });

  it('swaps volume and turnover on inverse (volume = USD contracts, turnover = base)', () => {
    const frame = klinePush!.replace('BTCUSDT', 'BTCUSD');
    const [event] = parseFrame('coinm', frame);
    expect(event).toMatchObject({
      type: 'candle',
      candle: { symbol: 'BTCUSD', volume: 34666.4005, quoteVolume: 2.081 },
    });
  });

  it('emits one candle per data element and reads confirm as closed', () => {
    const push = JSON.parse(klinePush!) as { data: Array<Record<string, unknown>> };
    const first = { ...push.data[0], confirm: true };
    const second = { ...push.data[0], start: 1672325100000, end: 1672325399999, confirm: false };
    const events = parseFrame('spot', JSON.stringify({ ...push, data: [first, second] }));
    expect(
      events.map((event) =>
        event.type === 'candle' ? [event.candle.openTime, event.candle.closed] : event.type,
      ),
    ).toEqual([
      [1672324800000, true],
      [1672325100000, false],
    ]);
  });

  it('reports malformed candles and frames as errors without throwing', () => {
    const push = JSON.parse(klinePush!) as { data: Array<Record<string, unknown>> };
    const bad = { ...push, data: [{ ...push.data[0], open: 'x' }] };
    expect(parseFrame('spot', JSON.stringify(bad))[0]?.type).toBe('error');
    expect(parseFrame('spot', '{"topic":"kline.5.BTCUSDT","data":5}')[0]?.type).toBe('error');
    expect(parseFrame('spot', '{"topic":"kline.7.BTCUSDT","data":[]}')[0]?.type).toBe('error');
    expect(parseFrame('spot', 'not json')[0]).toMatchObject({
      type: 'error',
      message: expect.stringContaining('not json'),
    });
    expect(parseFrame('spot', '[1,2]')[0]?.type).toBe('error');
    expect(parseFrame('spot', '{"topic":"tickers.BTCUSDT","data":{}}')).toEqual([{ type: 'ignore' }]);
  });
});

describe('parseFrame: acks and pongs', () => {
  it('reads acks with the echoed req_id as the request id', () => {
    expect(parseFrame('spot', spotAck!)).toEqual([{ type: 'subscribed', requestId: 10001 }]);
    expect(parseFrame('usdm', linearAck!)).toEqual([{ type: 'subscribed', requestId: undefined }]);
  });

  it('reads both pong shapes', () => {
    expect(parseFrame('spot', spotPong!)).toEqual([{ type: 'pong' }]);
    expect(parseFrame('usdm', linearPong!)).toEqual([{ type: 'pong' }]);
  });

  it('rejects a request frame, naming the kline topic in ret_msg', () => {
    const frame = handlerNotFound!
      .replace('orderbook.50.NOPEUSDT', 'kline.1.NOPEUSDT')
      .replace('"e1"', '"12"');
    expect(parseFrame('usdm', frame)).toEqual([
      {
        type: 'rejected',
        requestId: 12,
        streams: [{ symbol: 'NOPEUSDT', interval: '1m' }],
        message: 'error:handler not found,topic:kline.1.NOPEUSDT',
      },
    ]);
  });

  it('rejects the whole request when the named topic is not a kline (foreign req_id reads as none)', () => {
    expect(parseFrame('usdm', handlerNotFound!)).toEqual([
      {
        type: 'rejected',
        requestId: undefined,
        streams: undefined,
        message: 'error:handler not found,topic:orderbook.50.NOPEUSDT',
      },
    ]);
  });

  it('reads the "Invalid symbol :[…]" form, including several topics', () => {
    expect(parseFrame('spot', invalidSymbol!)[0]).toMatchObject({
      type: 'rejected',
      message: 'Invalid symbol :[tickers.XUSDT]',
    });
    const frame = invalidSymbol!
      .replace('tickers.XUSDT', 'kline.5.XUSDT,kline.D.YUSDT')
      .replace('"op"', '"req_id":"3","op"');
    expect(parseFrame('spot', frame)).toEqual([
      {
        type: 'rejected',
        requestId: 3,
        streams: [
          { symbol: 'XUSDT', interval: '5m' },
          { symbol: 'YUSDT', interval: '1d' },
        ],
        message: 'Invalid symbol :[kline.5.XUSDT,kline.D.YUSDT]',
      },
    ]);
  });

  it('treats "already subscribed" as subscribed for the named topic', () => {
    expect(parseFrame('usdm', alreadySubscribed!)).toEqual([
      { type: 'subscribed', requestId: undefined, streams: [{ symbol: 'BTCUSDT', interval: '1m' }] },
    ]);
  });

  it('rejects "args size >10" for the whole request', () => {
    expect(parseFrame('spot', argsSize!.replace('"op"', '"req_id":"9","op"'))).toEqual([
      { type: 'rejected', requestId: 9, streams: undefined, message: 'args size >10' },
    ]);
  });

  it('maps unsubscribe acks and other refusals', () => {
    expect(parseFrame('spot', '{"success":true,"ret_msg":"","req_id":"4","op":"unsubscribe"}')).toEqual([
      { type: 'unsubscribed', requestId: 4 },
    ]);
    expect(parseFrame('spot', '{"success":false,"ret_msg":"error:invalid op","op":"foo"}')[0]).toMatchObject({
      type: 'error',
      message: expect.stringContaining('error:invalid op'),
    });
  });
});
