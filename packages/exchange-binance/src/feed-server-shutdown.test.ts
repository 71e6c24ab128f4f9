import { createFeed, type Feed } from '@ohlcv/core';
import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';
import { driveUntil, EventRecorder } from '@ohlcv/testkit/conformance';
import { afterEach, describe, expect, it } from 'vitest';
import { binance } from './index';

describe('binance through the engine: serverShutdown', () => {
  let simulator: BinanceSimulator | undefined;
  let feed: Feed | undefined;
  afterEach(async () => {
    await feed?.close();
    await simulator?.close();
  });

  it('reconnects when the venue announces a shutdown, losing and repeating no closed candle', async () => {
    const sim = await startBinanceSimulator({ market: 'spot' });
    simulator = sim;
    let opened = 0;
    feed = createFeed({
      adapters: [binance],
      endpoints: { binance: { spot: { ws: sim.wsBase, rest: sim.restBase } } },
      observer: { connectionOpened: () => void opened++ },
    });
    const recorder = new EventRecorder();
    const symbol = sim.symbols[0] as string;
    feed.subscribe(
      { exchange: 'binance', market: 'spot', symbol, interval: '1m' },
      { closedOnly: true, onEvent: recorder.onEvent },
    );
    await driveUntil(sim, () => recorder.closedCandles().length >= 2, {
      stepMs: 15_000,
      what: 'first candles',
    });
    expect(opened).toBe(1);

    sim.sendServerShutdown();
    await driveUntil(sim, () => opened >= 2 && recorder.closedCandles().length >= 6, {
      stepMs: 15_000,
      what: 'a new connection and more candles',
    });
    const openTimes = recorder.closedCandles().map((candle) => candle.openTime);
    for (let index = 1; index < openTimes.length; index++) {
      expect(openTimes[index]! - openTimes[index - 1]!).toBe(60_000);
    }
  });
});
