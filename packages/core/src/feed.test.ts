import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from './candle';
import { OhlcvError } from './errors';
import { type CreateFeedOptions, createFeed } from './feed';
import type { Feed } from './feed-types';
import { EventRecorder, waitFor } from './test-support/event-recorder';
import { ManualClock } from './test-support/manual-clock';
import { createToyAdapter, type ToyAdapterOptions } from './test-support/toy-adapter';
import { startToyVenue, type ToyVenue, type ToyVenueOptions } from './test-support/toy-venue-server';

const MINUTE = 60_000;
let venue: ToyVenue | undefined;
let feed: Feed | undefined;

afterEach(async () => {
  await feed?.close();
  await venue?.close();
  feed = undefined;
  venue = undefined;
});

async function setUp(
  options: { venue?: ToyVenueOptions; adapter?: ToyAdapterOptions; feed?: Partial<CreateFeedOptions> } = {},
): Promise<{ venue: ToyVenue; feed: Feed }> {
  venue = await startToyVenue(options.venue);
  const adapter = createToyAdapter(options.adapter);
  feed = createFeed({
    adapters: [adapter],
    endpoints: { binance: { spot: { ws: venue.wsBase, rest: venue.restBase } } },
    backoff: { initialMs: 5, maxMs: 20 },
    ...options.feed,
  });
  return { venue, feed };
}

function expectConsecutive(candles: Candle[]): void {
  for (let index = 1; index < candles.length; index++) {
    expect(
      candles[index]!.openTime - candles[index - 1]!.openTime,
      `candle ${index} follows its predecessor`,
    ).toBe(MINUTE);
  }
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

  it('serves an async iterator over the same events', async () => {
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
});
