/**
 * Scale-out end to end, on the built binaries, per bus: a Binance simulator, 2 `ohlcv ingest` workers,
 * 2 `ohlcv-wss --bus` edges, 200 clients over both edges. A worker is killed -9 mid-run, then the bus
 * server is stopped and started again, then an edge is restarted (its clients reconnect to a new one with
 * a history join, skipping what they already have). Every client must get every closed candle exactly once,
 * consecutive, with the simulator's values; the simulator must see one subscription per topic.
 */
import { intervalMs } from '@ohlcv/core';
import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { runCli } from './run-cli';
import {
  connectClient,
  connectLegacyClient,
  driveUntil,
  fewest,
  firstError,
  openSocket,
  ready,
  until,
} from './scale-out-clients';
import {
  BUS_ROWS,
  type BusServer,
  ensureWssBuilt,
  INGEST_CLI,
  type LoggedProcess,
  startLogged,
  WSS_CLI,
} from './scale-out-processes';

const MINUTE = intervalMs('1m');
const CLIENTS = 200;

const processes: LoggedProcess[] = [];
const sockets: WebSocket[] = [];
let simulator: BinanceSimulator | undefined;
let busServer: BusServer | undefined;

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await Promise.all(processes.map((process) => process.stop('SIGKILL')));
  await busServer?.close();
  await simulator?.close();
});

for (const row of BUS_ROWS) {
  describe(`scale-out over ${row.name} (built ohlcv ingest + ohlcv-wss --bus)`, () => {
    it('hands over a killed worker, survives a bus restart and an edge restart: every client gets every closed candle once', async (context) => {
      if (row.unavailable !== undefined) {
        if (process.env.CI === 'true') throw new Error(`CI=true: ${row.unavailable}`);
        return context.skip(row.unavailable);
      }
      ensureWssBuilt();
      const sim = await startBinanceSimulator({ market: 'spot' });
      simulator = sim;
      const bus = await row.startServer();
      busServer = bus;
      const venueEnv = {
        OHLCV_BINANCE_SPOT_WS_URL: sim.wsBase,
        OHLCV_BINANCE_SPOT_REST_URL: sim.restBase,
        OHLCV_LOG_LEVEL: 'info',
      };
      const workers = ['w1', 'w2'].map((id) =>
        startLogged(
          INGEST_CLI,
          ['ingest', '--bus', bus.url, '--lease-ttl-ms', '3000', '--linger-ms', '10000', '--worker-id', id],
          venueEnv,
          'stderr',
        ),
      );
      const edges = [0, 1].map(() =>
        startLogged(
          WSS_CLI,
          ['--bus', bus.url, '--port', '0', '--health-port', '0', '--max-clients-per-address', '1000'],
          venueEnv,
          'stdout',
        ),
      );
      processes.push(...workers, ...edges);
      await Promise.all(
        workers.map((worker) => worker.waitForLog((line) => line.msg === 'ingest worker started')),
      );
      const ports = await Promise.all(
        edges.map(async (edge) => (await edge.waitForLog((line) => line.msg === 'listening')).port as number),
      );

      const keys = sim.symbols.slice(0, 4).map((symbol) => `binance:spot:${symbol}:1m`);
      const clients = await Promise.all(
        Array.from({ length: CLIENTS }, (_, index) =>
          connectClient(`ws://127.0.0.1:${ports[index % 2]}`, keys),
        ),
      );
      sockets.push(...clients.map((client) => client.socket));
      const symbols = sim.symbols.slice(0, 4);
      const legacy = await Promise.all(
        ports.map((port) => connectLegacyClient(`ws://127.0.0.1:${port}`, symbols)),
      );
      sockets.push(...legacy.map((client) => client.socket));
      await until(
        () => clients.every((client) => client.subscribed) && legacy.every((client) => client.subscribed),
        'every client subscribed',
      );
      await until(() => sim.subscriptionCount() === keys.length, 'each stream subscribed upstream');
      // An edge checks symbols against the venue's instrument list: an unknown one is refused, named.
      const refusal = await firstError(`ws://127.0.0.1:${ports[0]}`, 'binance:spot:NOPE123:1m');
      expect(refusal.message).toContain('NOPE123');
      let mostSubscriptions = 0;
      let newest = 0;
      let victim: LoggedProcess = workers[0]!;
      let survivor: LoggedProcess = workers[1]!;
      const sampler = setInterval(() => {
        mostSubscriptions = Math.max(mostSubscriptions, sim.subscriptionCount());
      }, 10);
      try {
        await driveUntil(sim, () => fewest(clients) >= 3, 'candles on every client');

        // kill -9 the worker holding the most streams; the other takes them over within the lease TTL.
        const held = (worker: LoggedProcess): number =>
          worker.logs.filter((line) => line.msg === 'stream claimed').length -
          worker.logs.filter((line) => line.msg === 'stream released').length;
        victim = held(workers[0]!) >= held(workers[1]!) ? workers[0]! : workers[1]!;
        survivor = victim === workers[0] ? workers[1]! : workers[0]!;
        expect(held(victim)).toBeGreaterThan(0);
        victim.child.kill('SIGKILL');
        const beforeKill = fewest(clients);
        await driveUntil(
          sim,
          () => held(survivor) === keys.length && fewest(clients) >= beforeKill + 4,
          'the hand-over',
          45_000,
        );

        // The bus goes away while candles keep closing, and comes back (Redis: empty).
        await bus.kill();
        await until(async () => (await ready(ports[0]!)) === 503, 'the edge not ready without its bus');
        for (let step = 0; step < 9; step += 1) await sim.clock.advance(20_000);
        await bus.start();
        const beforeRestart = fewest(clients);
        await driveUntil(
          sim,
          () => fewest(clients) >= beforeRestart + 4,
          'candles after the bus restart',
          45_000,
        );
        await until(async () => (await ready(ports[0]!)) === 200, 'the edge ready again');

        // Edge 2 restarts: its clients reconnect to the new one and join with history, losing nothing.
        const replacement = startLogged(
          WSS_CLI,
          ['--bus', bus.url, '--port', '0', '--health-port', '0', '--max-clients-per-address', '1000'],
          venueEnv,
          'stdout',
        );
        processes.push(replacement);
        const newPort = (await replacement.waitForLog((line) => line.msg === 'listening')).port as number;
        const moved = clients.filter((_, index) => index % 2 === 1);
        const reconnected = moved.map(
          (client) =>
            new Promise<void>((resolve, reject) =>
              client.socket.once('close', () =>
                openSocket(client, `ws://127.0.0.1:${newPort}`, keys, 10).then(resolve, reject),
              ),
            ),
        );
        await edges[1]!.stop('SIGTERM');
        await Promise.all(reconnected);
        await until(() => moved.every((client) => client.subscribed), 'the moved clients subscribed again');
        const beforeEdgeRestart = fewest(clients);
        await driveUntil(
          sim,
          () => fewest(clients) >= beforeEdgeRestart + 3,
          'candles after the edge restart',
          45_000,
        );

        // Settle: every client reaches the newest closed candle of every stream.
        newest = Math.floor(sim.clock.now() / MINUTE) * MINUTE - MINUTE;
        await until(
          () =>
            clients.every((client) =>
              [...client.closed.values()].every((candles) => candles.at(-1)?.openTime === newest),
            ),
          'every client at the newest closed candle',
        );
        // A client joining now gets its history from the bus's retained candles, then live.
        const late = await connectClient(`ws://127.0.0.1:${ports[0]}`, [keys[0]!], 5);
        sockets.push(late.socket);
        await until(() => late.closed.get(keys[0]!)!.length >= 5, 'the history join');
        await driveUntil(sim, () => late.closed.get(keys[0]!)!.length >= 6, 'live after the history join');
        const joined = late.closed.get(keys[0]!)!;
        expect(joined[4]?.openTime).toBe(newest);
        expect(joined.map((candle) => candle.openTime)).toEqual(
          Array.from({ length: joined.length }, (_, index) => newest - 4 * MINUTE + index * MINUTE),
        );
        newest = Math.floor(sim.clock.now() / MINUTE) * MINUTE - MINUTE;
        await until(
          () =>
            clients.every((client) =>
              [...client.closed.values()].every((candles) => candles.at(-1)?.openTime === newest),
            ),
          'every client at the newest closed candle again',
        );
      } finally {
        clearInterval(sampler);
      }

      expect(mostSubscriptions).toBeLessThanOrEqual(keys.length);
      // Nobody got a closed candle twice, apart from the history overlap of the clients that reconnected.
      expect(clients.filter((_, index) => index % 2 === 0).map((client) => client.repeats)).toEqual(
        clients.filter((_, index) => index % 2 === 0).map(() => 0),
      );
      // Legacy-protocol clients got the same closed candles as quotes: all of them on edge 1, and up to
      // the restart on edge 2 (that protocol has no history join to resume with).
      for (const [index, symbol] of symbols.entries()) {
        const reference = clients[0]!.closed.get(keys[index]!)!.map((candle) => candle.openTime);
        expect(legacy[0]!.closed.get(symbol)).toEqual(reference);
        const cut = legacy[1]!.closed.get(symbol)!;
        expect(cut.length).toBeGreaterThan(3);
        expect(cut).toEqual(reference.slice(0, cut.length));
      }
      // The survivor resumed the victim's streams after the bus's newest candle, filling the gap over REST.
      const resumed = survivor.logs.filter(
        (line) => line.msg === 'stream claimed' && line.resumeAfter !== null,
      );
      expect(resumed.length).toBeGreaterThan(0);
      expect(
        survivor.logs.some((line) => line.msg === 'hand-over gap filled' && (line.candles as number) > 0),
      ).toBe(true);
      expect(survivor.logs.some((line) => line.msg === 'bus reconnected')).toBe(true);
      for (const key of keys) {
        const first = clients[0]!.closed.get(key)![0]!.openTime;
        for (const client of clients) {
          const candles = client.closed.get(key)!;
          const expected = Array.from(
            { length: (newest - first) / MINUTE + 1 },
            (_, index) => first + index * MINUTE,
          );
          expect({ key, openTimes: candles.map((candle) => candle.openTime) }).toEqual({
            key,
            openTimes: expected,
          });
        }
        for (const candle of clients[0]!.closed.get(key)!) {
          const venue = sim.candleAt(candle.symbol, '1m', candle.openTime)!;
          expect(candle).toMatchObject({
            open: venue.open,
            high: venue.high,
            low: venue.low,
            close: venue.close,
            volume: venue.volume,
          });
        }
      }
      const metrics = await (await fetch(`http://127.0.0.1:${ports[0]}/metrics`)).text();
      expect(metrics).toContain('ohlcv_bus_connected 1');
      expect(metrics).toContain(`ohlcv_bus_followed_streams ${keys.length}`);
    }, 90_000);
  });
}

describe('ohlcv ingest: bad settings', () => {
  it('needs a bus URL, refuses an unknown scheme and a bad --max-streams, naming the value', async () => {
    const none = await runCli(['ingest'], {}, 15_000);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('ingest needs a bus: pass --bus <url> or set OHLCV_BUS_URL');
    const kafka = await runCli(['ingest'], { OHLCV_BUS_URL: 'kafka://broker:9092' }, 15_000);
    expect(kafka.code).toBe(1);
    expect(kafka.stderr).toContain('unsupported bus URL scheme "kafka:"');
    const streams = await runCli(
      ['ingest', '--bus', 'redis://127.0.0.1:6379', '--max-streams', 'lots'],
      {},
      15_000,
    );
    expect(streams.code).toBe(2);
    expect(streams.stderr).toContain('invalid --max-streams: "lots" is not a positive integer');
  });
});
