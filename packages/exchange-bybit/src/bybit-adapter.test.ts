import { describe, expect, it } from 'vitest';
import { bybit } from './bybit-adapter';

describe('bybit adapter', () => {
  it('offers spot, linear and inverse with the documented endpoints', () => {
    for (const market of ['spot', 'usdm', 'coinm'] as const) {
      expect(bybit.markets[market]?.endpoints.prod).toEqual({
        ws: 'wss://stream.bybit.com',
        rest: 'https://api.bybit.com',
      });
      expect(bybit.markets[market]?.endpoints.testnet).toEqual({
        ws: 'wss://stream-testnet.bybit.com',
        rest: 'https://api-testnet.bybit.com',
      });
      expect(bybit.markets[market]?.ws.rejectScope).toBe('request');
      expect(bybit.markets[market]?.ws.heartbeat).toEqual({ everyMs: 20_000, frame: '{"op":"ping"}' });
      expect(bybit.markets[market]?.ws.maxArgCharsPerConnection).toBe(21_000);
    }
    expect(bybit.markets.spot?.ws.maxStreamsPerRequest).toBe(10);
  });

  it('opens one path per category on any base', () => {
    expect(bybit.connectUrl('spot', 'wss://stream.bybit.com', [])).toBe(
      'wss://stream.bybit.com/v5/public/spot',
    );
    expect(bybit.connectUrl('usdm', 'ws://127.0.0.1:9000/', [])).toBe('ws://127.0.0.1:9000/v5/public/linear');
    expect(bybit.connectUrl('coinm', 'wss://stream-testnet.bybit.com', [])).toBe(
      'wss://stream-testnet.bybit.com/v5/public/inverse',
    );
  });

  it('names streams by their topic for char-based packing', () => {
    expect(bybit.streamName('usdm', { symbol: 'BTCUSDT', interval: '1h' })).toBe('kline.60.BTCUSDT');
  });

  it('round-trips a subscribe request id through the ack', () => {
    const frame = JSON.parse(bybit.subscribe('spot', [{ symbol: 'BTCUSDT', interval: '1m' }], 77, 0)) as {
      req_id: string;
    };
    const ack = `{"success":true,"ret_msg":"subscribe","conn_id":"c","req_id":"${frame.req_id}","op":"subscribe"}`;
    expect(bybit.parse('spot', ack)).toEqual([{ type: 'subscribed', requestId: 77 }]);
  });
});
