import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CandleGenerator } from './candle-generator';
import { FaultState } from './faults';
import { SimServer } from './sim-server';
import { StreamRegistry } from './stream-registry';
import { connectTestClient, type TestClient } from './test-client';
import { SimulatorClock } from './virtual-clock';

/** A toy venue: `/ws?topic=SYMBOL:interval` subscribes; pushes are `{t, x, c, E}` lines. */
async function startToyVenue() {
  const clock = new SimulatorClock({ startTime: Date.UTC(2026, 0, 1) });
  const server = await SimServer.start({ clock });
  clock.addSettler(() => server.flushed());
  const faults = new FaultState({
    dropConnections: () => {
      for (const connection of server.connections) connection.drop();
    },
  });
  const registry = new StreamRegistry<string>({
    clock,
    generator: new CandleGenerator(),
    faults,
    cadenceMs: () => 10_000,
    encode: (push) =>
      JSON.stringify({ t: push.state.openTime, x: push.final, c: push.state.close, E: push.eventTime }),
    send: (connection, _topic, encoded) => connection.send(encoded),
    malformed: (_push, index) => (index % 2 === 0 ? '{"t":' : '{"weird":true}'),
  });
  server.ws(
    () => true,
    (connection, url) => {
      const [symbol, interval] = (url.searchParams.get('topic') ?? '').split(':');
      registry.subscribe(
        connection,
        'topic',
        symbol === 'BTC' && interval === '1m' ? { symbol, interval } : undefined,
      );
      connection.send('ready');
      connection.socket.on('close', () => registry.removeConnection(connection));
    },
  );
  return { clock, server, faults, registry };
}

type Push = { t: number; x: boolean; c: number; E: number };

describe('StreamRegistry', () => {
  let venue: Awaited<ReturnType<typeof startToyVenue>>;
  let client: TestClient;
  const T0 = Date.UTC(2026, 0, 1);

  beforeEach(async () => {
    venue = await startToyVenue();
    client = await connectTestClient(`${venue.server.wsBase}/ws?topic=BTC:1m`);
    await client.next((frame) => frame === 'ready');
  });
  afterEach(async () => {
    await venue.server.close();
    venue.clock.stop();
  });

  async function pushesAfter(ms: number, expected: number): Promise<Push[]> {
    const from = client.frames.length;
    await venue.clock.advance(ms);
    if (expected > 0) await client.next(() => client.frames.length - from >= expected, { fromIndex: from });
    return client.frames.slice(from).flatMap((frame) => {
      try {
        const value = JSON.parse(frame) as Push;
        return typeof value.t === 'number' ? [value] : [];
      } catch {
        return [];
      }
    });
  }

  it('pushes at the cadence and exactly one final per candle, then the new candle', async () => {
    const pushes = await pushesAfter(120_000, 14);
    expect(pushes.filter((push) => push.x).map((push) => push.t)).toEqual([T0, T0 + 60_000]);
    const opens = new Set(pushes.filter((push) => !push.x).map((push) => push.t));
    expect(opens).toEqual(new Set([T0, T0 + 60_000, T0 + 120_000]));
    const finalIndex = pushes.findIndex((push) => push.x);
    expect(pushes[finalIndex]!.E).toBe(T0 + 60_000);
    expect(pushes[finalIndex + 1]).toMatchObject({ t: T0 + 60_000, x: false });
    expect(venue.registry.subscriptionCount()).toBe(1);
  });

  it('keeps unknown topics silent but counted', async () => {
    const silent = await connectTestClient(`${venue.server.wsBase}/ws?topic=NOPE:1m`);
    await silent.next((frame) => frame === 'ready');
    expect(venue.registry.subscriptionCount()).toBe(2);
    await pushesAfter(30_000, 3);
    expect(silent.frames).toEqual(['ready']);
  });

  it('applies skip, duplicate, reorder, malformed, stall and silence faults', async () => {
    venue.faults.skipPushes(2);
    expect(await pushesAfter(30_000, 1)).toHaveLength(1);
    venue.faults.duplicatePushes(1);
    const duplicated = await pushesAfter(10_000, 2);
    expect(duplicated).toHaveLength(2);
    expect(duplicated[0]).toEqual(duplicated[1]);
    venue.faults.reorderPushes(1);
    const reordered = await pushesAfter(20_000, 2);
    expect(reordered[0]!.E).toBeGreaterThan(reordered[1]!.E);
    venue.faults.malformedFrames(2);
    const from = client.frames.length;
    await pushesAfter(20_000, 4);
    expect(client.frames.slice(from)).toContain('{"t":');
    expect(client.frames.slice(from)).toContain('{"weird":true}');
    venue.faults.stallStream({ symbol: 'BTC', interval: '1m' });
    expect(await pushesAfter(30_000, 0)).toEqual([]);
    venue.faults.unstallStream({ symbol: 'BTC', interval: '1m' });
    venue.faults.silence();
    expect(await pushesAfter(30_000, 0)).toEqual([]);
    venue.faults.resume();
    expect((await pushesAfter(10_000, 1)).length).toBeGreaterThan(0);
  });

  it('stops pushing once the last subscriber leaves', async () => {
    client.close();
    await client.closed;
    await expect.poll(() => venue.registry.subscriptionCount()).toBe(0);
    venue.faults.dropConnections();
    await venue.clock.advance(60_000);
    expect(client.frames.filter((frame) => frame.startsWith('{')).length).toBe(0);
  });
});
