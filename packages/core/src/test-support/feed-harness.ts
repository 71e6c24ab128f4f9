import { expect } from 'vitest';
import type { Candle } from '../candle';
import { createFeed } from '../feed';
import type { Feed, FeedOptions } from '../feed-types';
import { createToyAdapter, type ToyAdapterOptions } from './toy-adapter';
import { startToyVenue, type ToyVenue, type ToyVenueOptions } from './toy-venue-server';

export const MINUTE = 60_000;

/** A toy venue and a feed pointed at it; `close()` both (call it in afterEach). */
export interface Harness {
  venue: ToyVenue;
  feed: Feed;
  close(): Promise<void>;
}

export async function startHarness(
  options: { venue?: ToyVenueOptions; adapter?: ToyAdapterOptions; feed?: Partial<FeedOptions> } = {},
): Promise<Harness> {
  const venue = await startToyVenue(options.venue);
  const adapter = createToyAdapter(options.adapter);
  const feed = createFeed({
    adapters: [adapter],
    endpoints: { binance: { spot: { ws: venue.wsBase, rest: venue.restBase } } },
    backoff: { initialMs: 5, maxMs: 20 },
    ...options.feed,
  });
  return {
    venue,
    feed,
    async close() {
      await feed.close();
      await venue.close();
    },
  };
}

/** Closed candles strictly consecutive one-minute candles, none repeated. */
export function expectConsecutive(candles: readonly Candle[], stepMs = MINUTE): void {
  for (let index = 1; index < candles.length; index++) {
    expect(
      candles[index]!.openTime - candles[index - 1]!.openTime,
      `candle ${index} follows its predecessor`,
    ).toBe(stepMs);
  }
}
