import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from './test-support/event-recorder';
import { type Harness, startHarness } from './test-support/feed-harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** An observer keeping what a metrics gauge of open upstream connections would. */
function connectionGauge() {
  const gauge = { open: 0, lowest: 0 };
  return {
    gauge,
    observer: {
      connectionOpened: () => {
        gauge.open += 1;
      },
      connectionClosed: () => {
        gauge.open -= 1;
        gauge.lowest = Math.min(gauge.lowest, gauge.open);
      },
    },
  };
}

describe('connection observer balance', () => {
  it('says closed for deliberate closes: the last consumer leaving and feed.close()', async () => {
    const { gauge, observer } = connectionGauge();
    harness = await startHarness({ feed: { observer } });
    const { venue, feed } = harness;
    const first = feed.subscribe('binance:spot:BTCUSDT:1m');
    await first.ready;
    expect(gauge.open).toBe(1);
    first.close();
    await waitFor(() => venue.connectionCount() === 0, 'the emptied connection closed');
    await waitFor(() => gauge.open === 0, 'the gauge back to 0');
    const second = feed.subscribe('binance:spot:ETHUSDT:1m');
    await second.ready;
    expect(gauge.open).toBe(1);
    await feed.close();
    expect(gauge.open).toBe(0);
    expect(gauge.lowest).toBe(0);
  });

  it('never says closed for a connection that never opened', async () => {
    const { gauge, observer } = connectionGauge();
    harness = await startHarness({ feed: { observer } });
    harness.venue.faults.refuseConnections(true);
    let attempts = 0;
    const feed = harness.feed;
    const subscription = feed.subscribe('binance:spot:BTCUSDT:1m');
    await waitFor(() => {
      attempts = feed.status().venues[0]?.reconnects ?? 0;
      return attempts >= 3;
    }, 'refused attempts');
    subscription.close();
    expect(gauge).toEqual({ open: 0, lowest: 0 });
  });
});
