import { describe, expect, it } from 'vitest';
import { subscribeFrame, unsubscribeFrame } from './subscribe-frames';

describe('subscribe frames', () => {
  it('puts every topic in args and the request id in req_id as a string', () => {
    const frame = subscribeFrame(
      'usdm',
      [
        { symbol: 'BTCUSDT', interval: '1m' },
        { symbol: 'ETHUSDT', interval: '5m' },
      ],
      42,
    );
    expect(JSON.parse(frame)).toEqual({
      op: 'subscribe',
      args: ['kline.1.BTCUSDT', 'kline.5.ETHUSDT'],
      req_id: '42',
    });
  });

  it('unsubscribes the same way', () => {
    expect(JSON.parse(unsubscribeFrame('spot', [{ symbol: 'BTCUSDT', interval: '1h' }], 7))).toEqual({
      op: 'unsubscribe',
      args: ['kline.60.BTCUSDT'],
      req_id: '7',
    });
  });
});
