import { silentLogger, systemClock } from '@ohlcv/core';
import { createServerMetrics } from '@ohlcv/health';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResolvedStream, StreamResolver } from '../resolve-stream';
import type { LegacyView } from '../stream-member';
import { LegacyProtocol } from './legacy-protocol';
import type { SessionContext, SessionHost } from './session-host';

/** A session host that records what the protocol does; the resolver knows BTCUSDT only. */
function fakeHost(idleTimeoutMs: number) {
  const sent: Array<Record<string, unknown>> = [];
  const closes: Array<{ code: number; reason: string }> = [];
  const streams = new Map<string, LegacyView | undefined>();
  const resolver = {
    resolve: async (request: { symbol: string; market: string }): Promise<ResolvedStream> =>
      request.symbol.toUpperCase() === 'BTCUSDT'
        ? {
            ok: true,
            key: `binance:${request.market}:BTCUSDT:1m`,
            id: { exchange: 'binance', market: 'spot', symbol: 'BTCUSDT', interval: '1m' },
          }
        : { ok: false, code: 'unknown_symbol', message: `binance rejected symbol "${request.symbol}"` },
  } as unknown as StreamResolver;
  const context = {
    resolver,
    limits: {
      maxStreamsPerClient: 10,
      maxMessageBytes: 1_000,
      maxOpsPerSecond: 10,
      maxBufferedBytes: 1_000_000,
      maxHistory: 0,
    },
    metrics: createServerMetrics(new Registry()),
    logger: silentLogger,
    clock: systemClock,
    legacy: { subscribeTimeoutMs: 0, idleTimeoutMs },
  } as unknown as SessionContext;
  const host = {
    id: 1,
    context,
    isEnded: false,
    get streamCount() {
      return streams.size;
    },
    send: (text: string) => sent.push(JSON.parse(text) as Record<string, unknown>),
    countError: () => {},
    has: (key: string) => streams.has(key),
    join: (key: string, _history: number, legacy?: LegacyView) => streams.set(key, legacy),
    leave: (key: string) => streams.delete(key),
    muteAndLeaveAll: () => streams.clear(),
    closeAfterDrain: (code: number, reason: string) => closes.push({ code, reason }),
    quoteSent: () => {},
    streamEnded: () => {},
  } as unknown as SessionHost;
  return { host, sent, closes, streams };
}

describe('LegacyProtocol', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answers subscribed first, then each symbol on its own, with its error fields', async () => {
    const { host, sent, streams, closes } = fakeHost(0);
    new LegacyProtocol(host).subscribe({
      exchange: 'binance',
      contract_type: 'spot',
      symbols: ['NOPE', 'btcusdt'],
    });
    await vi.runAllTimersAsync();
    expect(sent[0]).toEqual({
      type: 'subscribed',
      exchange: 'binance',
      contract_type: 'spot',
      symbols: ['NOPE', 'btcusdt'],
      limit: 0,
    });
    expect(sent[1]).toMatchObject({
      type: 'error',
      message: 'Subscription rejected by exchange',
      symbols: ['NOPE'],
      symbol: 'NOPE',
      code: 'unknown_symbol',
    });
    expect([...streams.keys()]).toEqual(['binance:spot:BTCUSDT:1m']);
    expect([...streams.values()][0]).toMatchObject({ symbol: 'BTCUSDT', contractType: 'spot' });
    expect(closes).toEqual([]);
  });

  it('ends with its error and a normal close once every stream has ended', async () => {
    const { host, sent, streams, closes } = fakeHost(0);
    const protocol = new LegacyProtocol(host);
    protocol.subscribe({ exchange: 'binance', contract_type: 'spot', symbols: ['BTCUSDT'] });
    await vi.runAllTimersAsync();
    streams.clear();
    protocol.streamEnded('binance:spot:BTCUSDT:1m');
    expect(sent.at(-1)).toMatchObject({
      type: 'error',
      message: 'Internal streaming error: every stream ended',
      exchange_message: 'stream binance:spot:BTCUSDT:1m ended',
      symbols: ['BTCUSDT'],
    });
    expect(closes).toEqual([{ code: 1000, reason: 'Internal streaming error: every stream ended' }]);
  });

  it('restarts the idle clock with every quote and ends the subscription after a silence', async () => {
    const { host, sent, closes } = fakeHost(10_000);
    const protocol = new LegacyProtocol(host);
    protocol.subscribe({ exchange: 'binance', contract_type: 'spot', symbols: ['BTCUSDT'] });
    await vi.advanceTimersByTimeAsync(9_000);
    protocol.quoteSent();
    await vi.advanceTimersByTimeAsync(9_000);
    expect(closes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_001);
    expect(sent.at(-1)).toMatchObject({
      message: 'No quotes received for 10 seconds from binance::spot. Subscription cancelled.',
    });
    expect(closes).toEqual([
      { code: 1000, reason: 'No quotes received for 10 seconds from binance::spot. Subscription cancelled.' },
    ]);
  });
});
