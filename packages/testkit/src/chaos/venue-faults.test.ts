import { afterEach, describe, expect, it } from 'vitest';
import { OVERSIZED_FRAME_BYTES } from '../sim/mangle-frame';
import { connectTestClient, type TestClient } from '../sim/test-client';
import type { VenueSimulator } from '../simulator-types';
import { VENUE_PROBES, type VenueProbe } from './venue-probes-test-helpers';

const MINUTE = 60_000;
/** Real ms a check for something that must NOT arrive waits (an absence cannot be awaited). */
const ABSENCE_MS = 300;

function isJson(frame: string): boolean {
  try {
    JSON.parse(frame);
    return true;
  } catch {
    return false;
  }
}

describe.each(VENUE_PROBES.map((probe) => [probe.name, probe] as const))(
  '%s simulator: every fault kind',
  (_name, probe: VenueProbe) => {
    let sim: VenueSimulator;
    let clients: TestClient[] = [];
    let symbol: string;

    afterEach(async () => {
      for (const client of clients) client.socket.terminate();
      clients = [];
      await sim.close();
    });

    async function subscribed(): Promise<TestClient> {
      sim ??= await probe.start();
      symbol = sim.symbols[0]!;
      const client = await connectTestClient(`${sim.wsBase}${probe.wsPath}`);
      clients.push(client);
      client.send(probe.subscribe(symbol, sim.clock.now()));
      await expect.poll(() => sim.subscriptionCount()).toBeGreaterThanOrEqual(clients.length);
      await sim.clock.advance(5_000);
      await client.next((frame) => probe.isPush(frame, symbol));
      // Let the rest of this step's pushes arrive, so later checks see only what follows.
      await new Promise((resolve) => setTimeout(resolve, ABSENCE_MS));
      return client;
    }

    async function pushesDuring(client: TestClient, ms: number): Promise<string[]> {
      const from = client.frames.length;
      await sim.clock.advance(ms);
      await new Promise((resolve) => setTimeout(resolve, ABSENCE_MS));
      return client.frames.slice(from).filter((frame) => probe.isPush(frame, symbol));
    }

    async function start(): Promise<TestClient> {
      sim = await probe.start();
      return subscribed();
    }

    it('drops one connection without a close frame (1006), the others stay', async () => {
      const first = await start();
      const second = await subscribed();
      sim.faults.dropConnections(0);
      expect((await first.closed).code).toBe(1006);
      expect(second.socket.readyState).toBe(second.socket.OPEN);
      expect(await pushesDuring(second, 10_000)).not.toEqual([]);
    });

    it('closes connections with a close frame', async () => {
      const client = await start();
      sim.faults.closeConnections(1012, 'service restart');
      expect(await client.closed).toEqual({ code: 1012, reason: 'service restart' });
    });

    it('pauses: no pushes and no pongs until resume', async () => {
      const client = await start();
      sim.faults.silence();
      expect(await pushesDuring(client, MINUTE)).toEqual([]);
      expect(await probe.ping(client, ABSENCE_MS)).toBe(false);
      sim.faults.resume();
      expect(await probe.ping(client, 3_000)).toBe(true);
      expect(await pushesDuring(client, 10_000)).not.toEqual([]);
    });

    it('half-opens a socket: open, nothing sent, pings ignored; a new connection is served', async () => {
      const client = await start();
      sim.faults.halfOpen();
      expect(await pushesDuring(client, MINUTE)).toEqual([]);
      expect(await probe.ping(client, ABSENCE_MS)).toBe(false);
      expect(client.socket.readyState).toBe(client.socket.OPEN);
      const fresh = await subscribed();
      expect(await pushesDuring(fresh, 10_000)).not.toEqual([]);
    });

    it('restarts behind the socket: subscriptions forgotten, pings answered, a re-subscribe works', async () => {
      const client = await start();
      sim.faults.forgetSubscriptions();
      expect(sim.subscriptionCount()).toBe(0);
      expect(await pushesDuring(client, MINUTE)).toEqual([]);
      expect(await probe.ping(client, 3_000)).toBe(true);
      client.send(probe.subscribe(symbol, sim.clock.now()));
      await expect.poll(() => sim.subscriptionCount()).toBe(1);
      expect(await pushesDuring(client, 10_000)).not.toEqual([]);
    });

    it('sends truncated, garbage and oversized frames in place of pushes', async () => {
      const client = await start();
      const from = client.frames.length;
      sim.faults.truncateFrames(1);
      sim.faults.garbageFrames(1);
      sim.faults.oversizedFrames(1);
      await sim.clock.advance(30_000);
      await client.next((frame) => frame.length > OVERSIZED_FRAME_BYTES && probe.isPush(frame, symbol), {
        fromIndex: from,
      });
      const frames = client.frames.slice(from);
      const broken = frames.filter((frame) => !isJson(frame));
      expect(broken.length).toBeGreaterThanOrEqual(2);
      expect(broken.some((frame) => frame.includes('502 Bad Gateway'))).toBe(true);
      const oversized = frames.find((frame) => frame.length > OVERSIZED_FRAME_BYTES);
      expect(oversized !== undefined && isJson(oversized)).toBe(true);
    });

    it('answers REST with 429, 5xx, slowly, or not at all until the client gives up', async () => {
      sim = await probe.start();
      sim.faults.httpErrors(429, 1);
      expect((await probe.rest(sim)).status).toBe(429);
      sim.faults.httpErrors(503, 1);
      expect((await probe.rest(sim)).status).toBe(503);
      sim.faults.slowRest(1, 400);
      const started = Date.now();
      expect((await probe.rest(sim)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
      sim.faults.hangRest(1);
      await expect(probe.rest(sim, AbortSignal.timeout(500))).rejects.toThrow();
      expect((await probe.rest(sim)).status).toBe(200);
    });

    it('delists a symbol mid-stream: its pushes stop, the venue reacts as documented, others flow', async () => {
      const client = await start();
      const other = sim.symbols[1]!;
      client.send(probe.subscribe(other, sim.clock.now()));
      await expect.poll(() => sim.subscriptionCount()).toBe(2);
      const delistedAt = sim.clock.now();
      sim.faults.delistSymbol(symbol);
      await sim.clock.advance(2 * MINUTE);
      const current = Math.floor(delistedAt / MINUTE) * MINUTE;
      expect(sim.candleAt(symbol, '1m', current + MINUTE), 'no candle after the delisting').toBeUndefined();
      expect(sim.candleAt(symbol, '1m', current), 'the candle it was delisted in').toBeDefined();
      if (probe.name === 'hyperliquid') {
        // The coin is unknown now: the socket carrying it is dropped, a re-subscribe kills the next one.
        expect((await client.closed).code).toBe(1006);
        const again = await connectTestClient(`${sim.wsBase}${probe.wsPath}`);
        clients.push(again);
        again.send(probe.subscribe(symbol, sim.clock.now()));
        expect((await again.closed).code).toBe(1006);
        return;
      }
      const from = client.frames.length;
      expect(await pushesDuring(client, MINUTE)).toEqual([]);
      expect(client.frames.slice(from).some((frame) => probe.isPush(frame, other))).toBe(true);
      const fresh = await connectTestClient(`${sim.wsBase}${probe.wsPath}`);
      clients.push(fresh);
      fresh.send(probe.subscribe(symbol, sim.clock.now()));
      if (probe.name === 'binance') {
        // Acked, then silence.
        await fresh.nextJson((message) => message.id === 1 && message.result === null);
        expect(await pushesDuring(fresh, MINUTE)).toEqual([]);
      } else {
        await fresh.next((frame) => /60018|Invalid symbol|unknown currency pair/.test(frame));
      }
    });
  },
);
