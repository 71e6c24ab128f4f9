import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFeed } from './feed';
import { EventRecorder } from './test-support/event-recorder';
import { MINUTE } from './test-support/feed-harness';
import { createToyAdapter } from './test-support/toy-adapter';
import { startToyVenue, type ToyVenue } from './test-support/toy-venue-server';

let venue: ToyVenue | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await venue?.close();
  venue = undefined;
});

describe('createFeed: endpoints from the environment', () => {
  it('reads OHLCV_<EXCHANGE>_<MARKET>_WS_URL/_REST_URL when no endpoints are given', async () => {
    venue = await startToyVenue();
    vi.stubEnv('OHLCV_BINANCE_SPOT_WS_URL', venue.wsBase);
    vi.stubEnv('OHLCV_BINANCE_SPOT_REST_URL', venue.restBase);
    const feed = createFeed({ adapters: [createToyAdapter()], backoff: { initialMs: 5, maxMs: 20 } });
    const recorder = new EventRecorder();
    const subscription = feed.subscribe('binance:spot:BTCUSDT:1m', {
      closedOnly: true,
      onEvent: recorder.onEvent,
    });
    await subscription.ready;
    venue.advance(MINUTE);
    await recorder.until(
      () => recorder.closedCandles().length >= 1,
      'a closed candle from the env-named venue',
    );
    expect(recorder.closedCandles()[0]!.close).toBe(
      venue.candleAt('BTCUSDT', '1m', recorder.closedCandles()[0]!.openTime).close,
    );
    await feed.close();
  });

  it('names the variable when its value is not a URL of the right kind', () => {
    vi.stubEnv('OHLCV_BINANCE_SPOT_WS_URL', 'http://127.0.0.1:1');
    expect(() => createFeed({ adapters: [createToyAdapter()] })).toThrow(
      /OHLCV_BINANCE_SPOT_WS_URL="http:\/\/127\.0\.0\.1:1"/,
    );
  });

  it('ignores the environment when endpoints are given, even as {}', () => {
    vi.stubEnv('OHLCV_BINANCE_SPOT_WS_URL', 'not a url');
    expect(() => createFeed({ adapters: [createToyAdapter()], endpoints: {} })).not.toThrow();
  });
});
