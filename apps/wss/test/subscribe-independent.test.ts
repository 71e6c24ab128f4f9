import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, simulatorEnv, startServerProcess } from './server-process';
import { closedCandles, connectClient, until } from './ws-client';

// Defect 12: one venue that never answers its instrument list must not hold up the other streams of
// the same subscribe.
let simulator: BinanceSimulator;
let hanging: Server;
const held: IncomingMessage[] = [];
let server: ServerProcess;

beforeAll(async () => {
  simulator = await startBinanceSimulator({ market: 'spot' });
  hanging = createServer((request) => {
    held.push(request); // never answered
  });
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
  server = await startServerProcess(['--linger-ms', '0'], {
    ...simulatorEnv('SPOT', simulator),
    OHLCV_OKX_SPOT_REST_URL: base,
    OHLCV_OKX_SPOT_WS_URL: base.replace('http', 'ws'),
  });
});

afterAll(async () => {
  await server?.stop();
  hanging?.closeAllConnections();
  await new Promise((resolve) => hanging?.close(resolve));
  await simulator?.close();
});

describe('subscribe answers each stream on its own', () => {
  it('streams a reachable venue while another venue of the same subscribe hangs', async () => {
    const client = await connectClient(server.url);
    client.send({ op: 'subscribe', id: 'x', streams: ['okx:spot:BTC-USDT:1m', 'binance:spot:BTCUSDT:1m'] });
    await client.waitFor((messages) => messages.some((message) => message.type === 'subscribed'));
    expect(client.messages[0]).toEqual({ type: 'subscribed', id: 'x', streams: ['binance:spot:BTCUSDT:1m'] });
    await until(() => held.length > 0, 10_000, 'the OKX instrument request reached the hanging venue');
    await until(() => simulator.subscriptionCount() === 1, 10_000, 'binance upstream subscribed');
    await simulator.clock.advance(2 * 60_000);
    await client.waitFor((messages) => closedCandles(messages).length >= 2);
    // The OKX request is still unanswered: nothing about it has been sent yet.
    expect(client.messages.some((message) => String(message.stream ?? '').startsWith('okx'))).toBe(false);
    expect(held.every((request) => !request.destroyed)).toBe(true);
    client.close();
  });
});
