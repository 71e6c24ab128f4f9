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
