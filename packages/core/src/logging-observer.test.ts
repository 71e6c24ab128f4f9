import { describe, expect, it } from 'vitest';
import { OhlcvError } from './errors';
import type { FeedObserver } from './feed-types';
import type { Logger } from './logger';
import { combineObservers, loggingObserver } from './logging-observer';

interface Line {
  level: string;
  object: Record<string, unknown>;
  message: string | undefined;
}

function recordingLogger(): Logger & { lines: Line[] } {
  const lines: Line[] = [];
  const at =
    (level: string) =>
    (object: object, message?: string): void => {
      lines.push({ level, object: object as Record<string, unknown>, message });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const connection = {
  exchange: 'binance',
  market: 'spot' as const,
  connectionId: 3,
  url: 'wss://u:p@h/ws?token=t',
};

describe('loggingObserver', () => {
  it('turns each engine event into one line, credentials masked', () => {
    const logger = recordingLogger();
    const observer = loggingObserver(logger);
    observer.connectionOpened?.(connection);
    observer.connectionRecycled?.({ ...connection, reason: 'inactivity timeout' });
    observer.connectionClosed?.({ ...connection, code: 1006, reason: '', willReconnect: true });
    observer.reconnectScheduled?.({ ...connection, attempt: 2, delayMs: 1500 });
    observer.restRetry?.({
      exchange: 'binance',
      market: 'spot',
      url: 'https://h/api?token=t',
      attempt: 1,
      delayMs: 500,
      error: new Error('503'),
    });
    observer.streamSilent?.('binance:spot:BTCUSDT:1m', { silentMs: 90_000, action: 'resubscribe' });
    observer.streamStalled?.('binance:spot:BTCUSDT:1m', 180_000);
    observer.streamRecovered?.('binance:spot:BTCUSDT:1m');
    observer.streamFailed?.('binance:spot:BTCUSDT:1m', new OhlcvError('gone', { code: 'symbol_rejected' }));
    observer.gapReported?.('binance:spot:BTCUSDT:1m', { from: 0, to: 60_000, reason: 'beyond history' });
    observer.error?.({
      exchange: 'binance',
      market: 'spot',
      error: new Error('boom'),
      during: 'close check over REST failed',
    });
    observer.notice?.({
      level: 'info',
      message: 're-subscribing',
      exchange: 'binance',
      fields: { streams: 2 },
    });
    expect(logger.lines.map((line) => [line.level, line.message])).toEqual([
      ['info', 'connection opened'],
      ['info', 'recycling connection'],
      ['info', 'connection closed'],
      ['info', 'reconnect scheduled'],
      ['warn', 'REST request failed; retrying'],
      ['warn', 'stream silent; re-subscribing'],
      ['warn', 'stream stalled'],
      ['info', 'stream recovered'],
      ['warn', 'stream failed'],
      ['warn', 'candles missing'],
      ['warn', 'close check over REST failed'],
      ['info', 're-subscribing'],
    ]);
    expect(logger.lines[0]?.object.url).toBe('wss://***:***@h/ws?token=***');
    expect(logger.lines[4]?.object).toMatchObject({ url: 'https://h/api?token=***', error: '503' });
    expect(logger.lines[10]?.object.error).toBe('boom');
    expect(logger.lines[11]?.object.streams).toBe(2);
  });

  it('has nothing per frame or per candle', () => {
    const observer = loggingObserver(recordingLogger());
    expect(observer.frameReceived).toBeUndefined();
    expect(observer.candleReceived).toBeUndefined();
    expect(observer.candleEmitted).toBeUndefined();
  });
});

describe('combineObservers', () => {
  it('reports to each in turn; a method only one has is its own, bound, unwrapped', () => {
    const calls: string[] = [];
    class Metrics implements FeedObserver {
      readonly name = 'metrics';
      frameReceived(): void {
        calls.push(`${this.name} frame`);
      }
      streamStalled(stream: string): void {
        calls.push(`${this.name} stalled ${stream}`);
      }
    }
    const metrics = new Metrics();
    const logs: FeedObserver = { streamStalled: (stream) => calls.push(`log stalled ${stream}`) };
    const combined = combineObservers(logs, undefined, metrics);
    combined?.frameReceived?.('binance', 'spot', 10);
    combined?.streamStalled?.('a', 1);
    expect(calls).toEqual(['metrics frame', 'log stalled a', 'metrics stalled a']);
    expect(combineObservers(undefined, logs)).toBe(logs);
    expect(combineObservers()).toBeUndefined();
  });
});
