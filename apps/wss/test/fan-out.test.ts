import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, simulatorEnv, startServerProcess } from './server-process';
import { closedCandles, connectClient, type TestClient, until } from './ws-client';

const STREAM = 'binance:spot:BTCUSDT:1m';
const MINUTE = 60_000;

let simulator: BinanceSimulator;
let server: ServerProcess;

beforeAll(async () => {
  simulator = await startBinanceSimulator({ market: 'spot' });
  server = await startServerProcess(['--linger-ms', '0'], simulatorEnv('SPOT', simulator));
});

afterAll(async () => {
  await server?.stop();
  await simulator?.close();
});

describe('ohlcv-wss fan-out (built server, Binance simulator)', () => {
  it('serves 200 clients of one stream from ONE upstream subscription with identical closed candles', async () => {
    const clients: TestClient[] = await Promise.all(
      Array.from({ length: 200 }, () => connectClient(server.url)),
    );
    for (const [index, client] of clients.entries()) {
      client.send({ op: 'subscribe', id: String(index), streams: [STREAM] });
    }
    await Promise.all(
      clients.map((client, index) =>
        client.waitFor((messages) =>
          messages.some((message) => message.type === 'subscribed' && message.id === String(index)),
        ),
      ),
    );
    expect(clients[7]?.messages[0]).toEqual({ type: 'subscribed', id: '7', streams: [STREAM] });
    await until(() => simulator.subscriptionCount() === 1, 10_000, 'one upstream subscription');

    await simulator.clock.advance(3 * MINUTE);
    await Promise.all(
      clients.map((client) => client.waitFor((messages) => closedCandles(messages).length >= 3)),
    );
    expect(simulator.subscriptionCount()).toBe(1);
    expect(simulator.connectionCount()).toBe(1);

    const reference = clients[0]!.raw.filter((text) => text.includes('"closed":true')).slice(0, 3);
    expect(reference).toHaveLength(3);
    for (const client of clients) {
      expect(client.raw.filter((text) => text.includes('"closed":true')).slice(0, 3)).toEqual(reference);
    }
    const candles = closedCandles(clients[0]!.messages).map((entry) => entry.candle);
    expect(candles[1]!.openTime).toBe((candles[0]!.openTime as number) + MINUTE);
    const expected = simulator.candleAt('BTCUSDT', '1m', candles[0]!.openTime as number)!;
    expect(candles[0]).toMatchObject({ open: expected.open, close: expected.close, volume: expected.volume });

    // The last client leaving releases the upstream (linger 0).
    for (const client of clients) client.close();
    await Promise.all(clients.map((client) => client.closed));
    await until(() => simulator.subscriptionCount() === 0, 10_000, 'upstream released');
  });

  it('serves /health, /ready and /metrics with the ohlcv_ metrics on the same port', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ready: true,
      venues: [{ exchange: 'binance', market: 'spot' }],
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    for (const name of [
      'ohlcv_frames_received_total',
      'ohlcv_candles_received_total',
      'ohlcv_candles_emitted_total',
      'ohlcv_rest_requests_total',
      'ohlcv_upstream_connections',
      'ohlcv_ws_clients',
      'ohlcv_ws_connections_total 200',
      'ohlcv_ws_messages_sent_total{type="candle"}',
      'ohlcv_candle_delivery_delay_seconds_bucket',
      'process_cpu_user_seconds_total',
    ]) {
      expect(metrics).toContain(name);
    }
    // On loopback the chart page answers at /; any other plain HTTP path asks for a WebSocket.
    expect((await fetch(`${base}/`)).headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${base}/elsewhere`)).status).toBe(426);
  });
});
