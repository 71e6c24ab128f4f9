import { type BusListener, type Candle, type CandleBus, SymbolRejectedError } from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';
import { describe, expect, it } from 'vitest';
import { BusFeed } from './bus-feed';
import { busTestCandle } from './bus-test-support';
import { createMemoryBus, MemoryBus, MemoryBusServer } from './memory-bus';

const KEY = 'binance:spot:BTCUSDT:1m';
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

/** A bus whose follow hands its listener to the test, to replay what a misbehaving bus could do. */
function scriptedBus(retained: Candle[]) {
  const listeners: BusListener[] = [];
  class ScriptedBus extends MemoryBus {
    override async lastClosed(): Promise<Candle | undefined> {
      return retained.at(-1);
    }
    override async recentClosed(_key: string, limit: number): Promise<Candle[]> {
      return retained.slice(-limit);
    }
    override follow(_key: string, _after: number | undefined, listener: BusListener) {
      listeners.push(listener);
      return { close: async () => undefined };
    }
  }
  const bus: CandleBus = new ScriptedBus(new MemoryBusServer());
  return { bus, listeners };
}

describe('BusFeed (edge side)', () => {
  it('never delivers a closed candle whose open time is not above the last delivered; drops stale open updates', async () => {
    const { bus, listeners } = scriptedBus([busTestCandle(KEY, 0)]);
    const feed = new BusFeed({ bus, adapters: [binance] });
    const seen: Candle[] = [];
    feed.subscribe(KEY, { onEvent: (event) => event.type === 'candle' && seen.push(event.candle) });
    await tick();
    const listener = listeners[0]!;
    listener.closed(busTestCandle(KEY, 0)); // the newest stored one: already known
    listener.closed(busTestCandle(KEY, 1));
    listener.closed(busTestCandle(KEY, 1)); // a second writer's copy
    listener.open(busTestCandle(KEY, 1, false)); // a stale open update of a closed candle
    listener.open(busTestCandle(KEY, 2, false));
    listener.closed(busTestCandle(KEY, 2));
    listener.closed(busTestCandle(KEY, 1)); // out of order
    expect(seen.map((candle) => [candle.openTime, candle.closed])).toEqual([
      [busTestCandle(KEY, 1).openTime, true],
      [busTestCandle(KEY, 2).openTime, false],
      [busTestCandle(KEY, 2).openTime, true],
    ]);
    await feed.close();
  });

  it('joins with history from the retained candles, then live, with no gap or repeat; closedOnly skips open updates', async () => {
    const retained = [0, 1, 2, 3].map((index) => busTestCandle(KEY, index));
    const { bus, listeners } = scriptedBus(retained);
    const feed = new BusFeed({ bus, adapters: [binance] });
    const seen: Candle[] = [];
    feed.subscribe(KEY, { onEvent: () => undefined });
    await tick();
    // Live events arrive while the history join reads the bus: held, then merged without repeats.
    feed.subscribe(KEY, {
      history: 3,
      closedOnly: true,
      onEvent: (event) => event.type === 'candle' && seen.push(event.candle),
    });
    listeners[0]!.closed(busTestCandle(KEY, 4));
    listeners[0]!.open(busTestCandle(KEY, 5, false));
    await tick();
    listeners[0]!.closed(busTestCandle(KEY, 5));
    expect(seen.map((candle) => candle.openTime)).toEqual(
      [1, 2, 3, 4, 5].map((index) => busTestCandle(KEY, index).openTime),
    );
    await feed.close();
  });

  it('announces demand for followed streams, and reports not ready while the bus is unreachable', async () => {
    const bus = createMemoryBus();
    const feed = new BusFeed({ bus, adapters: [binance], demandTtlMs: 60_000 });
    const subscription = feed.subscribe('binance:spot:btcusdt:1m', {});
    await feed.announce();
    expect(await bus.demandedStreams()).toEqual([KEY]);
    expect(subscription.stream).toBe(KEY);
    expect(feed.status().streams).toEqual([
      { stream: KEY, consumers: 1, lastUpdateAt: undefined, stalled: false },
    ]);
    bus.setConnected(false);
    expect(feed.status().streams.map((stream) => [stream.stream, stream.stalled])).toEqual([
      [KEY, true],
      ['bus memory://', true],
    ]);
    bus.setConnected(true);
    expect(await feed.resolveSymbol('binance', 'spot', 'BTC/USDT')).toBe('BTCUSDT');
    await expect(feed.resolveSymbol('kraken' as 'binance', 'spot', 'BTCUSD')).rejects.toThrow(
      'exchange "kraken" is not served here',
    );
    subscription.close();
    expect(feed.status().streams).toEqual([]);
    await feed.close();
  });
});

describe('BusFeed with instrument lists', () => {
  it('refuses a symbol the venue does not list, naming it, and resolves a listed one', async () => {
    const resolved: string[] = [];
    const feed = new BusFeed({
      bus: createMemoryBus(),
      adapters: [binance],
      ownsBus: true,
      instruments: {
        async resolveSymbol(_exchange, _market, input) {
          resolved.push(input);
          if (input.toUpperCase().startsWith('NOPE')) {
            throw new SymbolRejectedError({
              exchange: 'binance',
              market: 'spot',
              symbol: 'NOPEUSDT',
              venueMessage: 'not listed',
            });
          }
          return input.toUpperCase();
        },
        async symbols() {
          return [];
        },
        async close() {},
      },
    });
    await expect(feed.resolveSymbol('binance', 'spot', 'nopeusdt')).rejects.toThrow(/NOPEUSDT/);
    await expect(feed.resolveSymbol('binance', 'spot', 'btcusdt')).resolves.toBe('BTCUSDT');
    expect(resolved).toEqual(['nopeusdt', 'btcusdt']);
    await feed.close();
  });
});
