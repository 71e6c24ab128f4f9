import { describe, expect, it } from 'vitest';
import { fixtureFrames } from './__fixtures__/load-fixture';
import { parseHyperliquidFrame } from './parse-frame';

const candles = fixtureFrames('ws-candle.ndjson');
const control = fixtureFrames('ws-control.ndjson');

describe('parseHyperliquidFrame', () => {
  it('parses a captured candle push, open (no closed flag on the wire)', () => {
    expect(parseHyperliquidFrame('usdm', candles[0]!)).toEqual([
      {
        type: 'candle',
        candle: {
          exchange: 'hyperliquid',
          market: 'usdm',
          symbol: 'BTC',
          interval: '1m',
          openTime: 1790232180000,
          closeTime: 1790232239999,
          open: 84143,
          high: 84144,
          low: 84143,
          close: 84143,
          volume: 14.27847,
          trades: 114,
          closed: false,
        },
      },
    ]);
  });

  it('keeps the coin exactly as the venue echoes it (spot @N)', () => {
    const frame = candles[1]!.replace('"s":"BTC"', '"s":"@107"');
    const [event] = parseHyperliquidFrame('spot', frame);
    expect(event).toMatchObject({
      type: 'candle',
      candle: { symbol: '@107', market: 'spot', closed: false },
    });
  });

  it('accepts the documented Candle[] shape as well', () => {
    const row = JSON.parse(candles[1]!).data;
    const events = parseHyperliquidFrame('usdm', JSON.stringify({ channel: 'candle', data: [row, row] }));
    expect(events.map((event) => event.type)).toEqual(['candle', 'candle']);
  });

  it('turns a candle subscribe ack (spaced, any key order) into subscribed with its stream', () => {
    expect(parseHyperliquidFrame('usdm', control[0]!)).toEqual([
      { type: 'subscribed', streams: [{ symbol: 'BTC', interval: '1m' }] },
    ]);
    const reordered =
      '{"data":{"subscription":{"interval":"30m","coin":"xyz:XYZ100","type":"candle"},"method":"unsubscribe"},"channel":"subscriptionResponse"}';
    expect(parseHyperliquidFrame('usdm', reordered)).toEqual([
      { type: 'unsubscribed', streams: [{ symbol: 'xyz:XYZ100', interval: '30m' }] },
    ]);
  });

  it('ignores acks of other subscription types', () => {
    expect(parseHyperliquidFrame('usdm', control[1]!)).toEqual([{ type: 'ignore' }]);
    expect(parseHyperliquidFrame('spot', control[2]!)).toEqual([{ type: 'ignore' }]);
  });

  it('reads "Already subscribed" as the stream being live, not a failure', () => {
    expect(parseHyperliquidFrame('usdm', control[3]!)).toEqual([
      { type: 'subscribed', streams: [{ symbol: 'UNI', interval: '30m' }] },
    ]);
  });

  it('reads "Already unsubscribed" as the stream being gone', () => {
    const frame = JSON.stringify({
      channel: 'error',
      data: 'Already unsubscribed: {"type":"candle","interval":"1h","coin":"ETH"}',
    });
    expect(parseHyperliquidFrame('usdm', frame)).toEqual([
      { type: 'unsubscribed', streams: [{ symbol: 'ETH', interval: '1h' }] },
    ]);
  });

  it('reports a parse error that quotes no candle subscribe as an error', () => {
    const [event] = parseHyperliquidFrame('usdm', control[4]!);
    expect(event).toMatchObject({ type: 'error' });
    expect(event?.type === 'error' && event.message).toContain(
      'Error parsing JSON into valid websocket request',
    );
  });

  it('rejects the stream when a parse error quotes our candle subscribe', () => {
    const request = '{"method":"subscribe","subscription":{"type":"candle","coin":"BTC","interval":"1m"}}';
    const frame = JSON.stringify({
      channel: 'error',
      data: `Error parsing JSON into valid websocket request: ${request}`,
    });
    expect(parseHyperliquidFrame('usdm', frame)).toEqual([
      {
        type: 'rejected',
        streams: [{ symbol: 'BTC', interval: '1m' }],
        message: `Error parsing JSON into valid websocket request: ${request}`,
      },
    ]);
  });

  it('answers pong', () => {
    expect(parseHyperliquidFrame('usdm', control[5]!)).toEqual([{ type: 'pong' }]);
  });

  it('ignores the plain-text greeting and unknown channels', () => {
    expect(parseHyperliquidFrame('usdm', 'Websocket connection established.')).toEqual([{ type: 'ignore' }]);
    expect(parseHyperliquidFrame('usdm', '{"channel":"allMids","data":{"mids":{}}}')).toEqual([
      { type: 'ignore' },
    ]);
  });

  it('never throws on malformed frames', () => {
    for (const frame of [
      '{"channel":"candle"',
      '[1,2]',
      '{"data":1}',
      '{"channel":"candle","data":{"t":"x","T":1,"s":"BTC","i":"1m"}}',
      '{"channel":"candle","data":{"t":1,"T":2,"s":"BTC","i":"6h","o":"1","c":"1","h":"1","l":"1","v":"1","n":1}}',
      '{"channel":"error","data":{"code":1}}',
      '{"channel":"subscriptionResponse","data":"x"}',
    ]) {
      const events = parseHyperliquidFrame('usdm', frame);
      expect(events).toHaveLength(1);
      expect(events[0]!.type, frame).toBe('error');
    }
  });
});
