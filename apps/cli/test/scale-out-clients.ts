/** WebSocket clients and waits of the scale-out end-to-end test. */
import type { Candle } from '@ohlcv/core';
import type { BinanceSimulator } from '@ohlcv/testkit';
import WebSocket from 'ws';

export interface Client {
  socket: WebSocket;
  subscribed: boolean;
  /** Closed candles by stream, in arrival order. */
  closed: Map<string, Candle[]>;
  /** Closed candles at or below the last one received: none, except the overlap of a history join after a reconnect. */
  repeats: number;
}

export function openSocket(
  client: Client,
  url: string,
  streams: readonly string[],
  history: number,
): Promise<void> {
  const socket = new WebSocket(url);
  client.socket = socket;
  client.subscribed = false;
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type?: string; stream?: string; candle?: Candle };
    if (message.type === 'subscribed') client.subscribed = true;
    if (message.type !== 'candle' || !message.candle?.closed) return;
    const candles = client.closed.get(message.stream as string);
    if (candles === undefined) return;
    if (message.candle.openTime <= (candles.at(-1)?.openTime ?? Number.NEGATIVE_INFINITY))
      client.repeats += 1;
    else candles.push(message.candle);
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.send(
        JSON.stringify({ op: 'subscribe', id: 'all', streams, ...(history > 0 ? { history } : {}) }),
      );
      resolve();
    });
    socket.once('error', reject);
  });
}

export async function connectClient(url: string, streams: readonly string[], history = 0): Promise<Client> {
  const client: Client = {
    socket: undefined as unknown as WebSocket,
    subscribed: false,
    closed: new Map(streams.map((key) => [key, []])),
    repeats: 0,
  };
  await openSocket(client, url, streams, history);
  return client;
}

/** A client of the older Python connector's protocol: closed quotes' open times by symbol. */
export function connectLegacyClient(
  url: string,
  symbols: readonly string[],
): Promise<{ socket: WebSocket; closed: Map<string, number[]>; subscribed: boolean }> {
  const socket = new WebSocket(url);
  const closed = new Map<string, number[]>(symbols.map((symbol) => [symbol, []]));
  const client = { socket, closed, subscribed: false };
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as {
      type?: string;
      symbol?: string;
      timestamp?: string;
      is_closed_candle?: boolean;
    };
    if (message.type === 'subscribed') client.subscribed = true;
    if (message.type === 'quote' && message.is_closed_candle) {
      closed.get(message.symbol as string)?.push(Date.parse(message.timestamp as string));
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.send(JSON.stringify({ exchange: 'binance', contract_type: 'spot', symbols, limit: 0 }));
      resolve(client);
    });
    socket.once('error', reject);
  });
}

export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Advances venue time in steps (a candle closes every third step) until `check` holds. */
export async function driveUntil(
  sim: BinanceSimulator,
  check: () => boolean,
  what: string,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sim.clock.advance(20_000);
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
}

export const fewest = (clients: readonly Client[]): number =>
  Math.min(...clients.flatMap((client) => [...client.closed.values()].map((candles) => candles.length)));

export async function ready(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/ready`)).status;
  } catch {
    return 0;
  }
}

/** Subscribes one stream and resolves with the first error message the server answers it with. */
export function firstError(
  url: string,
  stream: string,
): Promise<{ code?: string; message?: string; stream?: string }> {
  const socket = new WebSocket(url);
  return new Promise((resolve, reject) => {
    socket.once('open', () => socket.send(JSON.stringify({ op: 'subscribe', id: 'bad', streams: [stream] })));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as {
        type?: string;
        code?: string;
        message?: string;
        stream?: string;
      };
      if (message.type !== 'error') return;
      socket.close();
      resolve(message);
    });
    socket.once('error', reject);
  });
}
