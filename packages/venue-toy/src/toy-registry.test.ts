/**
 * The proof of issue 10: a venue defined outside core and the apps, served by the real server and
 * engine after one registry line (the adapter added to the shipped list, its simulator to the shipped
 * simulators) — no change to core or the apps.
 */
import { createFeed, createVenueRegistry, type Feed, silentLogger } from '@ohlcv/core';
import { startSimulatedVenue, VENUE_SIMULATORS, type VenueSimulator } from '@ohlcv/testkit';
import { driveUntil, engineClockOf } from '@ohlcv/testkit/conformance';
import { VENUE_ADAPTERS } from '@ohlcv/venues';
import { startWssServer, type WssServer } from '@ohlcv/wss';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startToySimulator, toy } from './index';

// The one registry line each (an app's list would hold it the same way).
const venues = createVenueRegistry([...VENUE_ADAPTERS, toy]);
const simulators = {
  ...VENUE_SIMULATORS,
  toy: (market: 'spot' | 'usdm' | 'coinm') => startToySimulator({ market, maxSkewMs: 60_000 }),
};

let simulator: VenueSimulator | undefined;
let feed: Feed | undefined;
let server: WssServer | undefined;

afterEach(async () => {
  await server?.close();
  await feed?.close();
  await simulator?.close();
  server = undefined;
  feed = undefined;
  simulator = undefined;
});

async function startToy(): Promise<VenueSimulator> {
  simulator = await startSimulatedVenue('toy:spot', {}, simulators);
  return simulator;
}

function feedOn(sim: VenueSimulator, clock = engineClockOf(sim)): Feed {
  feed = createFeed({
    adapters: venues.adapters,
    endpoints: { toy: { spot: { ws: sim.wsBase, rest: sim.restBase } } },
    clock,
    backoff: { initialMs: 20, maxMs: 200 },
  });
  return feed;
}

describe('a sixth venue after one registry line', () => {
  it('is listed beside the shipped venues and found by its alias', () => {
    expect(venues.ids).toEqual([...VENUE_ADAPTERS.map((adapter) => adapter.id), 'toy']);
    expect(venues.describe()).toMatch(/hyperliquid, toy \(alias toy\.venue\)$/);
    expect(venues.resolve('Toy.Venue')).toBe(toy);
  });

  it('streams through the server: alias and unified symbol in, canonical key and closed candles out', async () => {
    const sim = await startToy();
    server = await startWssServer({
      feed: feedOn(sim),
      adapters: venues.adapters,
      registry: new Registry(),
      logger: silentLogger,
      host: '127.0.0.1',
      port: 0,
      healthPort: 0,
      token: undefined,
      maxClients: 10,
      lingerMs: 0,
      pingIntervalMs: 60_000,
      limits: {
        maxStreamsPerClient: 10,
        maxMessageBytes: 65_536,
        maxOpsPerSecond: 100,
        maxBufferedBytes: 1 << 20,
        maxHistory: 100,
      },
    });
    const client = new WebSocket(`ws://127.0.0.1:${server.port}/`);
    const messages: Array<Record<string, unknown>> = [];
    client.on('message', (data) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>));
    await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
    client.send(
      JSON.stringify({
        op: 'subscribe',
        id: '1',
        streams: ['toy.venue:spot:btc/usd:1m', 'kraken:spot:BTCUSD:1m'],
      }),
    );
    const closed = () =>
      messages.filter(
        (message) => message.type === 'candle' && (message.candle as { closed?: boolean }).closed,
      );
    await driveUntil(sim, () => closed().length >= 2, { stepMs: 15_000, what: '2 closed toy candles' });
    client.close();
    expect(messages.find((message) => message.type === 'subscribed')).toMatchObject({
      streams: ['toy:spot:BTC-USD:1m'],
    });
    expect(messages.find((message) => message.type === 'error')).toMatchObject({
      message: expect.stringMatching(/"kraken".*hyperliquid, toy \(alias toy\.venue\)/),
    });
    const candle = closed()[0]?.candle as {
      exchange: string;
      symbol: string;
      openTime: number;
      close: number;
    };
    expect(candle).toMatchObject({ exchange: 'toy', symbol: 'BTC-USD' });
    expect(candle.close).toBeCloseTo(sim.candleAt('BTC-USD', '1m', candle.openTime)!.close, 6);
  });

  it('keeps the history depth of each interval: 600 1m candles are there, 600 1h ones are not', async () => {
    const sim = await startToy();
    const now = sim.clock.now();
    const history = feedOn(sim);
    const minutes = await history.history({
      exchange: 'toy.venue',
      market: 'spot',
      symbol: 'BTC-USD',
      interval: '1m',
      from: now - 600 * 60_000,
      to: now,
    });
    expect(minutes).toHaveLength(600);
    await expect(
      history.history({
        exchange: 'toy',
        market: 'spot',
        symbol: 'BTC-USD',
        interval: '1h',
        from: now - 600 * 3_600_000,
        to: now,
      }),
    ).rejects.toThrow(/unavailable.*\(it keeps 500 candles\)/);
  });

  it('stamps requests with the engine clock: the venue refuses a clock a day off', async () => {
    const sim = await startToy();
    const query = {
      exchange: 'toy',
      market: 'spot',
      symbol: 'BTC-USD',
      interval: '1h',
      from: sim.clock.now() - 3 * 3_600_000,
      to: sim.clock.now(),
    } as const;
    const rows = await feedOn(sim).history(query);
    expect(rows.map((candle) => candle.openTime)).toEqual(
      [1, 2, 3].map((n) => sim.clock.now() - (4 - n) * 3_600_000),
    );
    await feed?.close();
    const skewed = engineClockOf(sim, 86_400_000);
    await expect(feedOn(sim, skewed).history(query)).rejects.toThrow(/HTTP 400 .*stale ts/);
  });
});
