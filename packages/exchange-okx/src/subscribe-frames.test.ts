import { describe, expect, it } from 'vitest';
import { okx } from './okx-adapter';
import { okxConnectUrl, okxStreamName, okxSubscribeFrame, okxUnsubscribeFrame } from './subscribe-frames';

describe('okx subscribe frames', () => {
  it('connects to /ws/v5/business on any base', () => {
    expect(okxConnectUrl('spot', 'wss://ws.okx.com')).toBe('wss://ws.okx.com/ws/v5/business');
    expect(okxConnectUrl('usdm', 'ws://127.0.0.1:9000/')).toBe('ws://127.0.0.1:9000/ws/v5/business');
  });

  it('sends one arg per stream with the id echoed by acks', () => {
    const frame = okxSubscribeFrame(
      'usdm',
      [
        { symbol: 'BTC-USDT-SWAP', interval: '1m' },
        { symbol: 'ETH-USDT-SWAP', interval: '1w' },
      ],
      7,
    );
    expect(JSON.parse(frame)).toEqual({
      id: '7',
      op: 'subscribe',
      args: [
        { channel: 'candle1m', instId: 'BTC-USDT-SWAP' },
        { channel: 'candle1Wutc', instId: 'ETH-USDT-SWAP' },
      ],
    });
    expect(JSON.parse(okxUnsubscribeFrame('spot', [{ symbol: 'BTC-USDT', interval: '1s' }], 8))).toEqual({
      id: '8',
      op: 'unsubscribe',
      args: [{ channel: 'candle1s', instId: 'BTC-USDT' }],
    });
    expect(okxStreamName('spot', { symbol: 'BTC-USDT', interval: '6h' })).toBe(
      '{"channel":"candle6Hutc","instId":"BTC-USDT"}',
    );
  });

  it('refuses empty frames and bad ids', () => {
    expect(() => okxSubscribeFrame('spot', [], 1)).toThrowError(/at least one stream/);
    expect(() => okxSubscribeFrame('spot', [{ symbol: 'BTC-USDT', interval: '1m' }], -1)).toThrowError(/-1/);
  });

  it('fits the spec: 100 long args stay within maxRequestBytes', () => {
    const spec = okx.markets.usdm!;
    const streams = Array.from({ length: spec.ws.maxStreamsPerRequest }, (_, index) => ({
      symbol: `LONGASSETNAME${index}-USDT-SWAP`,
      interval: '12h' as const,
    }));
    expect(okxSubscribeFrame('usdm', streams, 1).length).toBeLessThan(spec.ws.maxRequestBytes!);
  });
});
