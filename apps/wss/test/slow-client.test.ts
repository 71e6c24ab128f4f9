import { get } from 'node:http';
import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, simulatorEnv, startServerProcess } from './server-process';
import { closedCandles, connectClient, until } from './ws-client';

const STREAM = 'binance:spot:BTCUSDT:1s';
const MAX_BUFFERED = 256 * 1024;

let simulator: BinanceSimulator;
let server: ServerProcess;

beforeAll(async () => {
  simulator = await startBinanceSimulator({ market: 'spot', pushIntervalMs: 250 });
  server = await startServerProcess(
    ['--max-buffered-bytes', String(MAX_BUFFERED)],
    simulatorEnv('SPOT', simulator),
  );
});

afterAll(async () => {
  await server?.stop();
  await simulator?.close();
});

/** GET on a fresh connection each time (a pooled keep-alive socket can be closed by the server just as it is reused). */
function scrape(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

async function slowDisconnects(): Promise<number> {
  const text = await scrape(`http://127.0.0.1:${server.port}/metrics`);
  return Number(/^ohlcv_ws_slow_client_disconnects_total (\d+)/m.exec(text)?.[1] ?? 'NaN');
}

describe('ohlcv-wss slow clients (built server, Binance simulator)', () => {
  it('cuts off a client that stops reading while fast ones get every closed candle promptly', async () => {
    const fast = await Promise.all([connectClient(server.url), connectClient(server.url)]);
    const slow = await connectClient(server.url);
    for (const client of [...fast, slow]) client.send({ op: 'subscribe', streams: [STREAM] });
    await Promise.all(
      [...fast, slow].map((client) =>
        client.waitFor((messages) => messages.some((m) => m.type === 'subscribed')),
      ),
    );
    await until(() => simulator.subscriptionCount() === 1, 10_000, 'upstream subscribed');
    slow.pause();

    // Virtual time in slices: the stream produces far more than the slow client's kernel buffers and bound hold.
    const seconds = 4 * 3_600;
    const slice = 600;
    for (let done = 0; done < seconds; done += slice) {
      await simulator.clock.advance(slice * 1_000);
      await Promise.all(
        fast.map((client) =>
          client.waitFor((messages) => closedCandles(messages).length >= done + slice - 1),
        ),
      );
      if ((await slowDisconnects()) === 1) break;
    }
    expect(await slowDisconnects()).toBe(1);
    await server.waitForLog((line) => line.msg === 'slow client disconnected');

    // Fast clients: every closed candle, in order, none missing, and the latest arrives right after it is produced.
    await simulator.clock.advance(10_000);
    const started = Date.now();
    for (const client of fast) {
      await client.waitFor((messages) => {
        const last = closedCandles(messages).at(-1)?.candle.openTime as number | undefined;
        return last !== undefined && last >= simulator.clock.now() - 2_000;
      });
      const times = closedCandles(client.messages).map((entry) => entry.candle.openTime as number);
      for (let index = 1; index < times.length; index += 1)
        expect(times[index]! - times[index - 1]!).toBe(1_000);
    }
    expect(Date.now() - started).toBeLessThan(3_000);

    // The slow client, once it reads again, finds the close frame with the slow-client code.
    slow.resume();
    const closed = await slow.closed;
    expect([4008, 1006]).toContain(closed.code);
    if (closed.code === 4008) expect(closed.reason).toContain('slow client');
    for (const client of fast) expect(client.socket.readyState).toBe(client.socket.OPEN);
    for (const client of fast) client.close();
  }, 120_000);
});
