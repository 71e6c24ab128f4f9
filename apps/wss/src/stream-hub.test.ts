import { type Candle, OhlcvError, systemClock } from '@ohlcv/core';
import { createServerMetrics } from '@ohlcv/health';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordingLogger, StubFeed } from '../test/stub-feed';
import type { ClientOutbox } from './client-outbox';
import { StreamHub } from './stream-hub';
import type { ChannelClient } from './stream-member';

const KEY = 'binance:spot:BTCUSDT:1m';

function candle(openTime: number, closed: boolean): Candle {
  return {
    exchange: 'binance',
    market: 'spot',
    symbol: 'BTCUSDT',
    interval: '1m',
    openTime,
    closeTime: openTime + 59_999,
    open: 1,
    high: 2,
    low: 0.5,
    close: 1.5,
    volume: 3,
    closed,
  };
}

/** A client whose outbox records what it was given. */
function recordingClient() {
  const received: string[] = [];
  const ended: string[] = [];
  const outbox = {
    sendCandle: (data: Buffer) => received.push(data.toString()),
    sendText: (text: string) => received.push(text),
  } as unknown as ClientOutbox;
  const client: ChannelClient = {
    outbox,
    quoteSent: () => {},
    streamEnded: (key) => ended.push(key),
  };
  return { client, received, ended };
}

function hub(feed: StubFeed, lingerMs: number) {
  return new StreamHub({
    feed,
    logger: recordingLogger(),
    metrics: createServerMetrics(new Registry()),
    lingerMs,
    clock: systemClock,
  });
}

describe('StreamHub', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps an upstream for lingerMs after its last client, and a re-attach within it reuses the upstream', () => {
    const feed = new StubFeed();
    const streams = hub(feed, 1_000);
    const a = recordingClient();
    const member = streams.attach(KEY, a.client, undefined, 0);
    streams.detach(KEY, member);
    vi.advanceTimersByTime(999);
    expect(feed.openStreams()).toEqual([KEY]);
    const again = streams.attach(KEY, a.client, undefined, 0);
    vi.advanceTimersByTime(5_000);
    expect(feed.subscriptions).toHaveLength(1);
    expect(streams.size).toBe(1);
    streams.detach(KEY, again);
    vi.advanceTimersByTime(1_000);
    expect(feed.openStreams()).toEqual([]);
    expect(streams.size).toBe(0);
  });

  it('releases at once with lingerMs 0, and a second detach of the same member does nothing', () => {
    const feed = new StubFeed();
    const streams = hub(feed, 0);
    const [a, b] = [recordingClient(), recordingClient()];
    const first = streams.attach(KEY, a.client, undefined, 0);
    streams.attach(KEY, b.client, undefined, 0);
    streams.detach(KEY, first);
    streams.detach(KEY, first);
    expect(feed.openStreams()).toEqual([KEY]);
    feed.emit(KEY, { type: 'candle', stream: KEY, candle: candle(0, false), source: 'live', receivedAt: 0 });
    expect(a.received).toEqual([]);
    expect(b.received).toHaveLength(1);
  });

  it('a muted member receives nothing more; its state is the hub’s to change', () => {
    const feed = new StubFeed();
    const streams = hub(feed, 0);
    const a = recordingClient();
    const member = streams.attach(KEY, a.client, undefined, 0);
    streams.mute(KEY, member);
    expect(member).toMatchObject({ muted: true, removed: false });
    feed.emit(KEY, { type: 'candle', stream: KEY, candle: candle(0, true), source: 'live', receivedAt: 0 });
    expect(a.received).toEqual([]);
    streams.detach(KEY, member);
    expect(member.removed).toBe(true);
    expect(feed.openStreams()).toEqual([]);
  });

  it('a stream failure tells each member once, ends their membership and forgets the upstream', () => {
    const feed = new StubFeed();
    const streams = hub(feed, 60_000);
    const [a, b] = [recordingClient(), recordingClient()];
    const members = [
      streams.attach(KEY, a.client, undefined, 0),
      streams.attach(KEY, b.client, undefined, 0),
    ];
    const error = new OhlcvError('delisted', { code: 'symbol_rejected' });
    feed.emit(KEY, { type: 'error', stream: KEY, error });
    feed.emit(KEY, { type: 'error', stream: KEY, error });
    for (const client of [a, b]) {
      expect(client.ended).toEqual([KEY]);
      expect(client.received.map((text) => JSON.parse(text).code)).toEqual(['unknown_symbol']);
    }
    expect(members.every((member) => member.removed)).toBe(true);
    expect(streams.size).toBe(0);
    // Detaching after the failure is harmless, and a new attach opens a new upstream.
    streams.detach(KEY, members[0] as (typeof members)[0]);
    streams.attach(KEY, a.client, undefined, 0);
    expect(feed.subscriptions).toHaveLength(2);
  });
});
