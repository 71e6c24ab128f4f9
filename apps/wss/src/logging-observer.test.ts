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

  it('leave connection events and connection errors to the engine, passing them on', () => {
    const logger = recordingLogger();
    const opened: number[] = [];
    const errors: string[] = [];
    const observer = withVenueLogs(
      {
        connectionOpened: (info) => opened.push(info.connectionId),
        error: (info) => errors.push(String(info.error)),
      },
      logger,
    );
    const connection = { exchange: 'binance', market: 'spot' as const, connectionId: 1, url: 'wss://h/ws' };
    observer.connectionOpened?.(connection);
    observer.connectionClosed?.({ ...connection, code: 1006, reason: '', willReconnect: true });
    observer.error?.({ exchange: 'binance', market: 'spot', error: new Error('socket hang up') });
    expect(opened).toEqual([1]);
    expect(logger.records).toEqual([]);
    observer.error?.({
      exchange: 'binance',
      market: 'spot',
      stream: 'binance:spot:BTCUSDT:1m',
      error: new Error('503'),
    });
    expect(errors).toHaveLength(2);
    expect(logger.records.map((record) => record.object.stream)).toEqual(['binance:spot:BTCUSDT:1m']);
  });

  it('never log credentials in endpoint URLs', () => {
    expect(
      redactEndpoints({ binance: { spot: { ws: 'wss://u:p@h/ws', rest: 'https://h/api?token=t' } } }),
    ).toEqual({ binance: { spot: { ws: 'wss://***:***@h/ws', rest: 'https://h/api?token=***' } } });
  });
});
