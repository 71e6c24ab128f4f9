import type { FeedStatus } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { readinessOf } from './readiness';

const venue: FeedStatus['venues'][number] = {
  exchange: 'binance',
  market: 'spot',
  connections: 1,
  openConnections: 1,
  streams: 1,
  stalledStreams: [],
  lastMessageAt: 1_000,
  reconnects: 2,
  circuit: 'closed',
};

describe('readinessOf', () => {
  it('is ready when nothing is subscribed', () => {
    expect(readinessOf({ venues: [], streams: [] }, { now: 0 })).toMatchObject({ ready: true, streams: 0 });
  });

  it('is not ready while a stream is stalled, and ready again once it recovers', () => {
    const stalled: FeedStatus = {
      venues: [{ ...venue, stalledStreams: ['binance:spot:BTCUSDT:1m'] }],
      streams: [{ stream: 'binance:spot:BTCUSDT:1m', consumers: 1, lastUpdateAt: 1_000, stalled: true }],
    };
    const down = readinessOf(stalled, { now: 2_000 });
    expect(down.ready).toBe(false);
    expect(down.notFresh).toEqual([{ stream: 'binance:spot:BTCUSDT:1m', reason: 'stalled' }]);
    expect(down.venues[0]).toMatchObject({ reconnects: 2, lastMessageAt: '1970-01-01T00:00:01.000Z' });
    const recovered = readinessOf(
      { venues: [venue], streams: [{ ...stalled.streams[0]!, stalled: false }] },
      { now: 2_000 },
    );
    expect(recovered.ready).toBe(true);
  });

  it('with maxSilenceMs, a silent or never-updated stream is not fresh', () => {
    const status: FeedStatus = {
      venues: [venue],
      streams: [
        { stream: 'a', consumers: 1, lastUpdateAt: 1_000, stalled: false },
        { stream: 'b', consumers: 1, lastUpdateAt: undefined, stalled: false },
      ],
    };
    const result = readinessOf(status, { now: 6_001, maxSilenceMs: 5_000 });
    expect(result.ready).toBe(false);
    expect(result.notFresh.map((entry) => entry.stream)).toEqual(['a', 'b']);
    expect(
      readinessOf(status, { now: 6_000, maxSilenceMs: 5_000 }).notFresh.map((entry) => entry.stream),
    ).toEqual(['b']);
  });

  it('is not ready while a watched stream has failed, whatever the feed reports', () => {
    const failed = [{ stream: 'binance:spot:NOPEUSDT:1m', reason: 'failed (symbol_rejected): gone' }];
    const readiness = readinessOf({ venues: [], streams: [] }, { now: 0, failed });
    expect(readiness.ready).toBe(false);
    expect(readiness.notFresh).toEqual(failed);
  });
});
