import { describe, expect, it } from 'vitest';
import { readFrames } from './__fixtures__/read-fixture';
import { parseOkxFrame } from './parse-frame';

describe('parseOkxFrame', () => {
  it('answers the text pong (never JSON) with a pong event', () => {
    expect(parseOkxFrame('spot', 'pong')).toEqual([{ type: 'pong' }]);
  });

  it('reads a spot push: vol is base, volCcyQuote quote, confirm "0" open, closeTime from the interval', () => {
    const [live] = readFrames('candle-push-spot.ndjson');
    expect(parseOkxFrame('spot', live!)).toEqual([
      {
        type: 'candle',
        candle: {
          exchange: 'okx',
          market: 'spot',
          symbol: 'BTC-USDT',
          interval: '1m',
          openTime: 1789470120000,
          closeTime: 1789470179999,
          open: 77082.7,
          high: 77116.6,
          low: 77082.6,
          close: 77116.6,
          volume: 1.5784361,
          quoteVolume: 121697.290334104,
          closed: false,
        },
      },
    ]);
  });

  it('refuses the UTC+8 candle1D channel (we only subscribe the …utc ones) with an error, not a wrong candle', () => {
    const [, doc] = readFrames('candle-push-spot.ndjson');
    const [event] = parseOkxFrame('spot', doc!);
    expect(event?.type).toBe('error');
    expect(event?.type === 'error' && event.message).toContain('candle1D');
  });

  it('reads derivative pushes: volume is volCcy (base), not contracts; confirm "1" closes', () => {
    const [linear, inverse] = readFrames('candle-push-swap.ndjson');
    const [event] = parseOkxFrame('usdm', linear!);
    expect(event).toMatchObject({
      type: 'candle',
      candle: { symbol: 'BTC-USDT-SWAP', volume: 1.578, quoteVolume: 121697.29, closed: true },
    });
    const [daily] = parseOkxFrame('coinm', inverse!);
    expect(daily).toMatchObject({
      type: 'candle',
      candle: {
        symbol: 'BTC-USD-SWAP',
        interval: '1d',
        openTime: 1789430400000,
        closeTime: 1789516799999,
        volume: 58.6,
        closed: false,
      },
    });
  });

  it('treats a 7-element row (no confirm, no volCcyQuote) as open', () => {
    const [, , seven] = readFrames('candle-push-swap.ndjson');
    const [event] = parseOkxFrame('usdm', seven!);
    expect(event).toMatchObject({ type: 'candle', candle: { volume: 1.578, closed: false } });
    expect(event?.type === 'candle' && event.candle.quoteVolume).toBeUndefined();
  });

  it('closes a 7-element row when a newer row comes in the same push', () => {
    const frame =
      '{"arg":{"channel":"candle1m","instId":"BTC-USDT"},"data":[["1789470120000","1","1","1","1","2","3"],["1789470180000","1","1","1","1","2","3"]]}';
    expect(
      parseOkxFrame('spot', frame).map((event) => event.type === 'candle' && event.candle.closed),
    ).toEqual([true, false]);
  });

  it('reads acks per arg with the echoed id, and unsubscribe acks', () => {
    const [subscribeAck, unsubscribeAck] = readFrames('control-frames.ndjson');
    // candle1D is not one of ours: the ack still counts, without a stream.
    expect(parseOkxFrame('spot', subscribeAck!)).toEqual([{ type: 'subscribed', requestId: 1512 }]);
    expect(parseOkxFrame('spot', unsubscribeAck!)).toEqual([{ type: 'unsubscribed' }]);
    expect(
      parseOkxFrame(
        'spot',
        '{"id":"3","event":"subscribe","arg":{"channel":"candle1Dutc","instId":"BTC-USDT"},"connId":"a4d3ae55"}',
      ),
    ).toEqual([{ type: 'subscribed', requestId: 3, streams: [{ symbol: 'BTC-USDT', interval: '1d' }] }]);
  });

  it('turns 60018 into a rejection of the named stream with the venue message', () => {
    const [, , rejected] = readFrames('control-frames.ndjson');
    const [event] = parseOkxFrame('spot', rejected!);
    expect(event).toEqual({
      type: 'rejected',
      streams: [{ symbol: 'BTC-USDT', interval: '1m' }],
      code: '60018',
      message:
        "Subscribe failed, wrong URL or channel:candle1m,instId:BTC-USDT doesn't exist. Please use the correct URL, channel and parameters referring to API document.",
    });
  });

  it('rejects the whole request for a 60018 naming no stream of ours', () => {
    const frame = '{"id":"9","event":"error","code":"60018","msg":"Wrong URL or channel","connId":"x"}';
    expect(parseOkxFrame('spot', frame)).toEqual([
      { type: 'rejected', requestId: 9, message: 'Wrong URL or channel', code: '60018' },
    ]);
  });

  it('reports other venue errors (60012 for a JSON "ping") as errors with code and request id', () => {
    const [, , , invalid] = readFrames('control-frames.ndjson');
    expect(parseOkxFrame('spot', invalid!)).toEqual([
      expect.objectContaining({ type: 'error', code: '60012', requestId: 1512 }),
    ]);
  });

  it('turns notice 64008 into a reconnect', () => {
    const [, , , , notice] = readFrames('control-frames.ndjson');
    expect(parseOkxFrame('spot', notice!)).toEqual([
      { type: 'reconnect', reason: expect.stringContaining('64008') },
    ]);
  });

  it('never throws on malformed frames', () => {
    for (const frame of [
      '',
      '{',
      'null',
      '[]',
      '{"arg":{"channel":"candle1m"},"data":[]}',
      '{"arg":{"channel":"candle1m","instId":"X"},"data":[["1"]]}',
      '{"event":"error"}',
    ]) {
      const events = parseOkxFrame('spot', frame);
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((event) => event.type === 'error')).toBe(true);
    }
    expect(
      parseOkxFrame(
        'spot',
        '{"arg":{"channel":"candle1m","instId":"X"},"data":[["1","2","3","4","5","6","7","8","yes"]]}',
      )[0]?.type,
    ).toBe('error');
  });
});
