import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from './candle';
import { OhlcvError } from './errors';
import { EventRecorder, waitFor } from './test-support/event-recorder';
import { expectConsecutive, type Harness, MINUTE, startHarness } from './test-support/feed-harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function setUp(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}

describe('createFeed: live streams', () => {
  it('subscribes and delivers open updates and closed candles with the venue values', async () => {
    const { venue, feed } = await setUp();
    const recorder = new EventRecorder();
    const subscription = feed.subscribe('binance:spot:BTCUSDT:1m', { onEvent: recorder.onEvent });
    expect(subscription.stream).toBe('binance:spot:BTCUSDT:1m');
    await waitFor(() => venue.subscriptionCount() === 1, 'the upstream subscription');
    await subscription.ready;
    for (let step = 0; step < 3; step++) venue.advance(MINUTE);
    await recorder.until(() => recorder.closedCandles().length >= 3, '3 closed candles');
    const closed = recorder.closedCandles();
    expectConsecutive(closed);
    for (const candle of closed) {
      const expected = venue.candleAt('BTCUSDT', '1m', candle.openTime);
      expect(candle.close).toBe(expected.close);
      expect(candle.volume).toBe(expected.volume);
      expect(candle.closeTime).toBe(candle.openTime + MINUTE - 1);
    }
    expect(recorder.ofType('candle').some((event) => !event.candle.closed)).toBe(true);
  });

  it('serves an async iterator; leaving it unsubscribes upstream', async () => {
    const { venue, feed } = await setUp();
    const subscription = feed.subscribe(
      { exchange: 'binance', market: 'spot', symbol: 'btc/usdt', interval: '1m' },
      { closedOnly: true },
    );
    await waitFor(() => venue.subscriptionCount() === 1, 'the upstream subscription');
    venue.advance(MINUTE);
    venue.advance(MINUTE);
    const seen: Candle[] = [];
    for await (const event of subscription) {
      if (event.type === 'candle') seen.push(event.candle);
      if (seen.length === 2) break;
    }
    expect(seen.every((candle) => candle.closed)).toBe(true);
    expect(subscription.stream).toBe('binance:spot:BTCUSDT:1m');
    await waitFor(() => venue.subscriptionCount() === 0, 'the unsubscribe after break');
  });

  it('shares one upstream subscription between consumers and unsubscribes after the last leaves', async () => {
    const { venue, feed } = await setUp();
    const a = new EventRecorder();
    const b = new EventRecorder();
    const first = feed.subscribe('binance:spot:BTCUSDT:1m', { onEvent: a.onEvent });
    const second = feed.subscribe('binance:linear:BTCUSDT:1m'.replace('linear', 'spot'), {
      onEvent: b.onEvent,
    });
    await Promise.all([first.ready, second.ready]);
    venue.advance(MINUTE);
    await b.until(() => b.closedCandles().length >= 1 && a.closedCandles().length >= 1, 'both consumers');
    expect(venue.subscriptionCount()).toBe(1);
    expect(venue.controlFrames.filter((frame) => frame.op === 'subscribe')).toHaveLength(1);
    first.close();
    venue.advance(MINUTE);
    await b.until(() => b.closedCandles().length >= 2, 'the remaining consumer');
    expect(venue.controlFrames.some((frame) => frame.op === 'unsubscribe')).toBe(false);
    second.close();
    await waitFor(
      () => venue.controlFrames.some((frame) => frame.op === 'unsubscribe'),
      'the upstream unsubscribe',
    );
    expect(venue.controlFrames.find((frame) => frame.op === 'unsubscribe')?.args).toEqual(['BTCUSDT@1m']);
  });

  it('resolves market aliases and rejects unsupported intervals and markets clearly', async () => {
    const { feed } = await setUp();
    const interval = feed.subscribe('binance:spot:BTCUSDT:1d');
    await expect(interval.ready).rejects.toThrowError(/unsupported interval "1d" on binance spot/);
    const market = new EventRecorder();
    const inverse = feed.subscribe('binance:inverse:BTCUSD:1m', { onEvent: market.onEvent });
    await expect(inverse.ready).rejects.toThrowError(
      /does not offer market "coinm": the toy venue has no inverse contracts/,
    );
    expect(market.ofType('error')).toHaveLength(1);
  });

  it('fails an unknown symbol alone, naming it and close matches, while other streams flow', async () => {
    const { venue, feed } = await setUp({
      venue: { rejectScope: 'silent' },
      adapter: { spec: { ws: { rejectScope: 'silent' } } },
    });
    const bad = new EventRecorder();
    const good = new EventRecorder();
    const badSubscription = feed.subscribe('binance:spot:BTCUSDX:1m', { onEvent: bad.onEvent });
    feed.subscribe('binance:spot:ETHUSDT:1m', { onEvent: good.onEvent });
    await expect(badSubscription.ready).rejects.toThrowError(/BTCUSDX.*did you mean BTCUSDT/);
    const [failure] = bad.ofType('error');
    expect(OhlcvError.isInstance(failure?.error)).toBe(true);
    expect(failure?.error.code).toBe('symbol_rejected');
    await waitFor(() => venue.subscriptionCount() === 1, 'the good upstream subscription');
    expect(venue.controlFrames.flatMap((frame) => frame.args ?? [])).not.toContain('BTCUSDX@1m');
    venue.advance(MINUTE);
    await good.until(() => good.closedCandles().length >= 1, 'the good stream');
  });

  it("isolates a 'request'-scope rejection: re-subscribes one per frame and fails only the bad stream", async () => {
    const { venue, feed } = await setUp({
      venue: { rejectScope: 'request', rejectSymbols: ['SOLUSDT'] },
      adapter: { spec: { ws: { rejectScope: 'request' } } },
    });
    const recorders = {
      BTCUSDT: new EventRecorder(),
      ETHUSDT: new EventRecorder(),
      SOLUSDT: new EventRecorder(),
    };
    const subscriptions = Object.entries(recorders).map(([symbol, recorder]) =>
      feed.subscribe(`binance:spot:${symbol}:1m`, { onEvent: recorder.onEvent }),
    );
    await expect(subscriptions[2]!.ready).rejects.toThrowError(/SOLUSDT.*invalid symbol in request/);
    await Promise.all([subscriptions[0]!.ready, subscriptions[1]!.ready]);
    const subscribeFrames = venue.controlFrames.filter((frame) => frame.op === 'subscribe');
    expect(subscribeFrames[0]!.args).toHaveLength(3);
    expect(subscribeFrames.slice(1).every((frame) => frame.args?.length === 1)).toBe(true);
    expect(venue.subscriptionCount()).toBe(2);
    venue.advance(MINUTE);
    await recorders.ETHUSDT.until(() => recorders.ETHUSDT.closedCandles().length >= 1, 'ETH');
    await recorders.BTCUSDT.until(() => recorders.BTCUSDT.closedCandles().length >= 1, 'BTC');
    expect(recorders.SOLUSDT.ofType('error')).toHaveLength(1);
  });

  it("fails a 'stream'-scope rejection with the venue's message", async () => {
    const { feed } = await setUp({ venue: { rejectSymbols: ['SOLUSDT'] } });
    const subscription = feed.subscribe('binance:spot:SOLUSDT:1m');
    await expect(subscription.ready).rejects.toThrowError(
      /rejected symbol "SOLUSDT": unknown symbol SOLUSDT@1m/,
    );
  });
});

describe('createFeed: the guarantee across reconnects', () => {
  it('fills the gap after a dropped connection and skipped pushes: consecutive, none repeated', async () => {
    const { venue, feed } = await setUp({ venue: { historyDepth: 1_000 } });
    const recorder = new EventRecorder();
    const subscription = feed.subscribe('binance:spot:BTCUSDT:1m', {
      closedOnly: true,
      onEvent: recorder.onEvent,
    });
    await subscription.ready;
    venue.advance(MINUTE);
    venue.advance(MINUTE);
    await recorder.until(() => recorder.closedCandles().length >= 2, 'first closed candles');
    venue.faults.skipPushes(3);
    venue.advance(MINUTE);
    venue.advance(MINUTE);
    venue.faults.dropConnections();
    await waitFor(() => venue.subscriptionCount() === 1, 'the re-subscribe after the drop');
    for (let step = 0; step < 8; step++) venue.advance(MINUTE);
    await recorder.until(() => recorder.closedCandles().length >= 12, '12 closed candles');
    const closed = recorder.closedCandles();
    expectConsecutive(closed);
    expect(new Set(closed.map((candle) => candle.openTime)).size).toBe(closed.length);
    expect(recorder.restCandles().length, 'the skipped closes came from REST').toBeGreaterThanOrEqual(2);
    for (const candle of closed)
      expect(candle.close).toBe(venue.candleAt('BTCUSDT', '1m', candle.openTime).close);
    expect(venue.restRequestCount('/candles')).toBeGreaterThan(0);
  });

  it('retries a failing backfill and reports what the venue no longer keeps as a gap', async () => {
    const { venue, feed } = await setUp({
      venue: { historyDepth: 3 },
      adapter: { spec: { rest: { historyDepth: 3 } } },
    });
    const recorder = new EventRecorder();
    const subscription = feed.subscribe('binance:spot:BTCUSDT:1m', {
      closedOnly: true,
      onEvent: recorder.onEvent,
    });
    await subscription.ready;
    venue.advance(MINUTE);
    await recorder.until(() => recorder.closedCandles().length >= 1, 'the first closed candle');
    venue.faults.skipPushes(6);
    venue.faults.httpErrors(503, 1);
    for (let step = 0; step < 7; step++) venue.advance(MINUTE);
    await recorder.until(
      () => recorder.ofType('gap').length >= 1 && recorder.closedCandles().length >= 3,
      'the gap and the rest',
    );
    const [gap] = recorder.ofType('gap');
    expect(gap?.reason).toMatch(/older than the 3 candles binance spot keeps over REST/);
    const closed = recorder.closedCandles();
    expect(new Set(closed.map((candle) => candle.openTime)).size).toBe(closed.length);
    // Everything after the gap is consecutive and ends at the newest closed candle.
    const afterGap = closed.filter((candle) => candle.openTime > gap!.to);
    expectConsecutive(afterGap);
    expect(afterGap[0]!.openTime).toBe(gap!.to + MINUTE);
  });
});
