import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectTestClient, type TestClient } from '../sim/test-client';
import { type BinanceSimulator, startBinanceSimulator } from './binance-simulator';
import { type KlineEvent, klineEvents, waitForKlines } from './binance-test-helpers';

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

describe('Binance simulator faults', () => {
  let sim: BinanceSimulator;
  let client: TestClient;

  beforeEach(async () => {
    // One update every 20 s: per minute 3 pushes at :20, :40 and the boundary (final + open update).
    sim = await startBinanceSimulator({ market: 'spot', pushIntervalMs: 20_000 });
    client = await connectTestClient(`${sim.wsBase}/ws/btcusdt@kline_1m`);
    await expect.poll(() => sim.subscriptionCount()).toBe(1);
  });
  afterEach(async () => {
    await sim.close();
  });

  async function advance(ms: number, expected: number): Promise<KlineEvent[]> {
    const from = client.frames.length;
    await sim.clock.advance(ms);
    if (expected > 0) return waitForKlines(client, expected, from);
    return klineEvents(client, from);
  }

  it('dropConnections terminates sockets without a close frame (1006)', async () => {
    sim.faults.dropConnections();
    expect((await client.closed).code).toBe(1006);
    await expect.poll(() => sim.connectionCount()).toBe(0);
    expect(sim.subscriptionCount()).toBe(0);
  });

  it('silence stops pushes and acks until resume', async () => {
    sim.faults.silence();
    client.sendJson({ method: 'SUBSCRIBE', params: ['ethusdt@kline_1m'], id: 1 });
    await expect.poll(() => sim.subscriptionCount()).toBe(2);
    expect(await advance(MINUTE, 0)).toEqual([]);
    sim.faults.resume();
    client.sendJson({ method: 'LIST_SUBSCRIPTIONS', id: 2 });
    expect(await client.nextJson((message) => message.id === 2)).toBeDefined();
    expect(client.json().some((message) => (message as { id?: number }).id === 1)).toBe(false);
    expect((await advance(20_000, 2)).map((event) => event.s).sort()).toEqual(['BTCUSDT', 'ETHUSDT']);
  });

  it('skipPushes skips the next pushes, including a final, which REST still has', async () => {
    sim.faults.skipPushes(3, { symbol: 'BTCUSDT', interval: '1m' });
    const events = await advance(2 * MINUTE, 5);
    expect(events.filter((event) => event.k.x).map((event) => event.k.t)).toEqual([T0 + MINUTE]);
    expect(sim.candleAt('BTCUSDT', '1m', T0)).toBeDefined();
  });

  it('stallStream keeps one stream silent until unstallStream', async () => {
    client.sendJson({ method: 'SUBSCRIBE', params: ['ethusdt@kline_1m'], id: 1 });
    await client.nextJson((message) => message.id === 1);
    sim.faults.stallStream({ symbol: 'BTCUSDT', interval: '1m' });
    const stalled = await advance(MINUTE, 4);
    expect(new Set(stalled.map((event) => event.s))).toEqual(new Set(['ETHUSDT']));
    sim.faults.unstallStream({ symbol: 'BTCUSDT', interval: '1m' });
    const resumed = await advance(20_000, 2);
    expect(new Set(resumed.map((event) => event.s))).toEqual(new Set(['ETHUSDT', 'BTCUSDT']));
  });

  it('duplicatePushes sends the next pushes twice', async () => {
    sim.faults.duplicatePushes(1);
    const events = await advance(20_000, 2);
    expect(events[0]).toEqual(events[1]);
  });

  it('reorderPushes sends a held push after the next one', async () => {
    sim.faults.reorderPushes(1);
    const events = await advance(40_000, 2);
    expect(events.map((event) => event.E)).toEqual([T0 + 40_000, T0 + 20_000]);
  });

  it('malformedFrames sends invalid JSON and wrong shapes among the pushes', async () => {
    sim.faults.malformedFrames(2);
    const from = client.frames.length;
    await advance(40_000, 2);
    const frames = client.frames.slice(from);
    expect(frames).toHaveLength(4);
    expect(() => JSON.parse(frames[0]!)).toThrow();
    expect(JSON.parse(frames[2]!)).toMatchObject({ e: 'kline', k: 'malformed' });
  });

  it('httpErrors answers the next REST calls with the status and Binance headers', async () => {
    const path = `${sim.restBase}/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1`;
    sim.faults.httpErrors(429, 1);
    const limited = await fetch(path);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toMatchObject({ code: -1003 });
    sim.faults.httpErrors(503, 1);
    const unavailable = await fetch(path);
    expect(unavailable.status).toBe(503);
    expect(await unavailable.json()).toMatchObject({ code: -1001 });
    expect((await fetch(path)).status).toBe(200);
    expect(sim.restRequestCount('/api/v3/klines')).toBe(3);
  });
});
