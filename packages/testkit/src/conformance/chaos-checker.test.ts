import type { Candle, FeedEvent } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { type CheckWindow, checkStream, describeFindings, type TimedEvent } from './chaos-checker';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 1);
const stream = { symbol: 'BTC', interval: '1m' as const };
const key = 'toy:spot:BTC:1m';

function venueCandle(openTime: number): Candle {
  const open = 100 + (openTime - T0) / MINUTE;
  return {
    exchange: 'binance',
    market: 'spot',
    symbol: 'BTC',
    interval: '1m',
    openTime,
    closeTime: openTime + MINUTE - 1,
    open,
    high: open + 2,
    low: open - 1,
    close: open + 1,
    volume: 5,
    closed: true,
  };
}

const window: CheckWindow = {
  endAt: T0 + 10 * MINUTE,
  stallTimeoutMs: 150_000,
  slackMs: 5_000,
  candleAt: (_symbol, _interval, openTime) =>
    openTime === T0 + 4 * MINUTE ? undefined : venueCandle(openTime),
};

function closed(openTime: number, at = openTime + MINUTE, change: Partial<Candle> = {}): TimedEvent {
  const event: FeedEvent = {
    type: 'candle',
    stream: key,
    candle: { ...venueCandle(openTime), ...change },
    source: 'live',
    receivedAt: at,
  };
  return { event, at };
}

/** Closed candles 00:00–00:08 (00:04 has no trades on the venue), each at its close. */
function allClosed(): TimedEvent[] {
  return [0, 1, 2, 3, 5, 6, 7, 8].map((minute) => closed(T0 + minute * MINUTE));
}

describe('checkStream', () => {
  it('passes a complete series (no candle where the venue has none)', () => {
    const findings = checkStream({ stream, key, events: allClosed(), subscribedAt: T0 }, window);
    expect(describeFindings(findings)).toEqual([]);
    expect(findings.closed).toBe(8);
  });

  it('finds lost, duplicated, out-of-order and wrong candles', () => {
    const events = allClosed().filter((_event, index) => index !== 2);
    events.push(closed(T0 + MINUTE));
    events.push(closed(T0 + 2 * MINUTE));
    events.push(closed(T0 + 9 * MINUTE, T0 + 10 * MINUTE, { close: 1 }));
    const findings = checkStream({ stream, key, events, subscribedAt: T0 }, window);
    expect(findings.duplicated).toEqual([T0 + MINUTE]);
    expect(findings.outOfOrder).toEqual([T0 + 2 * MINUTE]);
    expect(findings.lost).toEqual([]);
    expect(findings.wrongValues).toEqual([expect.stringContaining('close 1 ≠ 110')]);
    const gapped = allClosed().filter((_event, index) => index !== 6);
    expect(checkStream({ stream, key, events: gapped, subscribedAt: T0 }, window).lost).toEqual([
      T0 + 7 * MINUTE,
    ]);
  });

  it('asks for stalled then recovered in every silence past the stall timeout', () => {
    const events = allClosed();
    const silent = checkStream(
      { stream, key, events, subscribedAt: T0 },
      { ...window, stallTimeoutMs: 100_000 },
    );
    // 00:04 has no candle: 00:04 → 00:06 is a 120 s silence of live data.
    expect(silent.missedStalls).toEqual([expect.stringContaining('silence of 120 s')]);
    const stalled: TimedEvent = {
      event: { type: 'stalled', stream: key, silentMs: 50_000 },
      at: T0 + 5 * MINUTE,
    };
    const noRecovery = checkStream(
      { stream, key, events: [...events, stalled], subscribedAt: T0 },
      { ...window, stallTimeoutMs: 100_000 },
    );
    expect(noRecovery.missedStalls).toEqual([]);
    expect(noRecovery.missedRecoveries).toHaveLength(1);
    const recovered: TimedEvent = { event: { type: 'recovered', stream: key }, at: T0 + 6 * MINUTE };
    const ok = checkStream(
      { stream, key, events: [...events, stalled, recovered], subscribedAt: T0 },
      { ...window, stallTimeoutMs: 100_000 },
    );
    expect(describeFindings(ok)).toEqual([]);
    expect(ok.stallDelays).toEqual([MINUTE]);
  });

  it('measures silences on arrivals, not on candles held behind a gap fill and released late', () => {
    // The venue pushes every 4 s; REST fails, so the engine holds 00:01–00:05 and releases them at 00:06.
    const arrivals = Array.from({ length: 90 }, (_unused, index) => T0 + index * 4_000);
    const held = allClosed().map((event, index) =>
      index >= 1 && index <= 4 ? { ...event, at: T0 + 6 * MINUTE } : event,
    );
    const heldWindow = { ...window, stallTimeoutMs: 100_000 };
    const flowing = checkStream(
      { stream, key, events: held, subscribedAt: T0, liveArrivals: arrivals },
      heldWindow,
    );
    expect(flowing.missedStalls).toEqual([]);
    // A real silence 00:02–00:05:40 (220 s), with the held burst released in it at 00:04:
    // the stall and its recovery belong to the silence of arrivals.
    const gapped = arrivals.filter((at) => at <= T0 + 2 * MINUTE || at >= T0 + 5 * MINUTE + 40_000);
    const burst = allClosed().map((event, index) =>
      index >= 1 && index <= 3 ? { ...event, at: T0 + 4 * MINUTE } : event,
    );
    const stalled: TimedEvent = {
      event: { type: 'stalled', stream: key, silentMs: 100_000 },
      at: T0 + 3 * MINUTE + 40_000,
    };
    const recovered: TimedEvent = {
      event: { type: 'recovered', stream: key },
      at: T0 + 5 * MINUTE + 40_000,
    };
    const events = [...burst, stalled, recovered];
    const ok = checkStream({ stream, key, events, subscribedAt: T0, liveArrivals: gapped }, heldWindow);
    expect(describeFindings(ok)).toEqual([]);
    expect(ok.stallDelays).toEqual([100_000]);
    const missed = checkStream(
      { stream, key, events: burst, subscribedAt: T0, liveArrivals: gapped },
      heldWindow,
    );
    expect(missed.missedStalls).toEqual([expect.stringContaining('silence of 220 s')]);
  });

  it('wants a delisted stream to fail naming its symbol, and no other stream to fail', () => {
    const before = allClosed().slice(0, 3);
    const delistedAt = T0 + 3 * MINUTE + 10_000;
    const silentEnd = checkStream({ stream, key, events: before, subscribedAt: T0, delistedAt }, window);
    expect(silentEnd.failures).toEqual([expect.stringContaining('never failed')]);
    expect(silentEnd.lost).toEqual([]);
    const error: TimedEvent = {
      event: { type: 'error', stream: key, error: new Error('BTC was delisted') as never },
      at: delistedAt + MINUTE,
    };
    const failed = checkStream(
      { stream, key, events: [...before, error], subscribedAt: T0, delistedAt },
      window,
    );
    expect(describeFindings(failed)).toEqual([]);
    const other = checkStream({ stream, key, events: [...allClosed(), error], subscribedAt: T0 }, window);
    expect(other.failures).toEqual([expect.stringContaining('BTC was delisted')]);
  });
});
