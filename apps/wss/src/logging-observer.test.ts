import { OhlcvError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../test/stub-feed';
import { redactEndpoints, withVenueLogs } from './logging-observer';

describe('venue logs', () => {
  it('leave stream failures to the engine, which logs each once', () => {
    const logger = recordingLogger();
    const failed: string[] = [];
    withVenueLogs({ streamFailed: (stream) => failed.push(stream) }, logger).streamFailed?.(
      'binance:spot:BTCUSDT:1m',
      new OhlcvError('gone', { code: 'symbol_rejected' }),
    );
    expect(failed).toEqual(['binance:spot:BTCUSDT:1m']);
    expect(logger.records).toEqual([]);
  });

  it('never log credentials in endpoint URLs', () => {
    const logger = recordingLogger();
    withVenueLogs({}, logger).connectionOpened?.({
      exchange: 'binance',
      market: 'spot',
      connectionId: 1,
      url: 'wss://user:pa55word@venue.example/ws?listenKey=abc&streams=x',
    });
    expect(logger.records[0]?.object.url).toBe('wss://***:***@venue.example/ws?listenKey=***&streams=x');
    expect(
      redactEndpoints({ binance: { spot: { ws: 'wss://u:p@h/ws', rest: 'https://h/api?token=t' } } }),
    ).toEqual({ binance: { spot: { ws: 'wss://***:***@h/ws', rest: 'https://h/api?token=***' } } });
  });
});
