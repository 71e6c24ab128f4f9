import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { alignOpenTime, type Interval, intervalMs } from '../interval';
import { TOY_INTERVALS } from './toy-adapter';

export interface ToyVenueOptions {
  symbols?: readonly string[];
  /** How the venue answers a subscribe naming a symbol it does not list (or one in `rejectSymbols`). */
  rejectScope?: 'stream' | 'request' | 'silent';
  /** Listed symbols the venue nevertheless refuses to stream. */
  rejectSymbols?: readonly string[];
  /** `flag`: closed pushes carry x:true. `rollover`: no closed push; the next candle's update is the only sign. */
  closeDetection?: 'flag' | 'rollover';
  /** Candles REST keeps per stream (the current one included). */
  historyDepth?: number;
  /** Instruments per `/symbols` page. Default 2 (so paging is exercised). */
  symbolsPageSize?: number;
  /** Virtual start time. Default 2024-01-01T00:00:30Z. */
  startTime?: number;
  /**
   * Open candles (live pushes and REST rows) carry partial values (close = open, half the volume)
   * instead of their final ones, so a candle closed from an open update is told from a final one.
   * On a rollover venue each ending candle's final state is then pushed, unflagged, at its end.
   */
  partialOpen?: boolean;
}

export interface ToyVenue {
  readonly wsBase: string;
  readonly restBase: string;
  readonly symbols: readonly string[];
  now(): number;
  /** Moves virtual time forward, pushing closes (flag venues) and one open update per subscribed stream. */
  advance(ms: number): void;
  candleAt(
    symbol: string,
    interval: Interval,
    openTime: number,
  ): { openTime: number; open: number; high: number; low: number; close: number; volume: number };
  readonly faults: {
    dropConnections(): void;
    silence(): void;
    resume(): void;
    skipPushes(count: number, streamName?: string): void;
    /** Each of the next `count` pushes (per connection) is held and sent after the push that follows it. */
    reorderPushes(count: number): void;
    stallStream(streamName: string): void;
    unstallStream(streamName: string): void;
    httpErrors(status: number, count: number): void;
    sendReconnect(reason: string): void;
    /**
     * The symbol leaves the instrument list mid-stream. `silent` (Binance): its streams stay
     * subscribed and get nothing. `kill` (Hyperliquid): sockets carrying it are dropped, and so is
     * any socket that subscribes it.
     */
    delist(symbol: string, how: 'silent' | 'kill'): void;
    /** While on, every WebSocket upgrade is cut (the venue is down for streaming). */
    refuseConnections(on: boolean): void;
    /** A truncated frame to every connection (as if a push were garbled). */
    sendGarbage(): void;
    /** REST lags the stream by `ms`: it serves the candles as of `now - ms` (0 ends the lag). */
    restLag(ms: number): void;
  };
  /** Stream subscriptions live across all connections. */
  subscriptionCount(): number;
  connectionCount(): number;
  /** REST requests served, optionally only those for `path`. */
  restRequestCount(path?: string): number;
  /** REST request URLs (path + query) in order. */
  readonly restRequests: string[];
  /** Client frames received, parsed, in order. */
  readonly controlFrames: Array<{ op: string; id?: number; args?: string[] }>;
  close(): Promise<void>;
}

interface ClientState {
  socket: WebSocket;
  streams: Set<string>;
  /** A push held by the reorder fault, sent after the next one. */
  held?: string;
  reorders: number;
}

const DEFAULT_START = Date.UTC(2024, 0, 1, 0, 0, 30);

function intervalOf(name: string): Interval {
  const id = name.split('@')[1];
  const entry = Object.entries(TOY_INTERVALS).find(([, value]) => value === id);
  return (entry?.[0] as Interval | undefined) ?? '1m';
}

function hash(text: string): number {
  let value = 0;
  for (let index = 0; index < text.length; index += 1) value = (value * 31 + text.charCodeAt(index)) % 1_000;
  return value;
}

/** Starts the toy venue on 127.0.0.1, port 0. */
export async function startToyVenue(options: ToyVenueOptions = {}): Promise<ToyVenue> {
  const symbols = [...(options.symbols ?? ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'])];
  /** Delisted symbols: gone from `/symbols`; `silent` ones acked and never pushed, `kill` ones drop the socket on subscribe. */
  const delisted = new Map<string, 'silent' | 'kill'>();
  const rejectScope = options.rejectScope ?? 'stream';
  const rejectSymbols = new Set(options.rejectSymbols ?? []);
  const closeDetection = options.closeDetection ?? 'flag';
  const pageSize = options.symbolsPageSize ?? 2;
  let now = options.startTime ?? DEFAULT_START;
  const clients = new Set<ClientState>();
  const restRequests: string[] = [];
  const controlFrames: ToyVenue['controlFrames'] = [];
  let silenced = false;
  const skips = new Map<string, number>();
  let skipAll = 0;
  const stalled = new Set<string>();
  let httpErrorStatus = 0;
  let httpErrorCount = 0;
  let restLagMs = 0;
  let refusing = false;

  function candleAt(symbol: string, _interval: Interval, openTime: number) {
    const base = 100 + hash(symbol) + ((openTime / 1_000) % 97);
    return {
      openTime,
      open: base,
      high: base + 2,
      low: base - 1,
      close: base + 1,
      volume: 1 + ((openTime / 1_000) % 13),
    };
  }

  /** The candle's values as of a moment: final once closed, partial before (with `partialOpen`). */
  function valuesAt(symbol: string, interval: Interval, openTime: number, closed: boolean) {
    const candle = candleAt(symbol, interval, openTime);
    if (closed || options.partialOpen !== true) return candle;
    return { ...candle, close: candle.open, volume: candle.volume / 2 };
  }

  function kline(name: string, openTime: number, closed: boolean): string {
    const [symbol = ''] = name.split('@');
    const interval = intervalOf(name);
    const candle = valuesAt(symbol, interval, openTime, closed);
    const k: Record<string, unknown> = {
      t: openTime,
      T: openTime + intervalMs(interval) - 1,
      o: String(candle.open),
      h: String(candle.high),
      l: String(candle.low),
      c: String(candle.close),
      v: String(candle.volume),
    };
    if (closeDetection === 'flag') k.x = closed;
    return JSON.stringify({ topic: name, k });
  }

  function push(client: ClientState, name: string, frame: string): void {
    if (silenced || stalled.has(name) || delisted.has(name.split('@')[0] ?? '')) return;
    const own = skips.get(name) ?? 0;
    if (own > 0) {
      skips.set(name, own - 1);
      return;
    }
    if (skipAll > 0) {
      // Per stream: every stream loses its next `count` pushes.
      const key = `*${name}`;
      const left = skips.get(key) ?? skipAll;
      if (left > 0) {
        skips.set(key, left - 1);
        return;
      }
    }
    if (client.held !== undefined) {
      client.socket.send(frame);
      client.socket.send(client.held);
      client.held = undefined;
      return;
    }
    if (client.reorders > 0) {
      client.reorders -= 1;
      client.held = frame;
      return;
    }
    client.socket.send(frame);
  }

  function send(client: ClientState, message: unknown): void {
    if (!silenced) client.socket.send(JSON.stringify(message));
  }

  function onFrame(client: ClientState, text: string): void {
    let message: { op?: string; id?: number; args?: string[] };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    controlFrames.push(message as ToyVenue['controlFrames'][number]);
    const args = Array.isArray(message.args) ? message.args : [];
    if (message.op === 'ping') {
      send(client, { op: 'pong' });
      return;
    }
    if (message.op === 'unsubscribe') {
      for (const name of args) client.streams.delete(name);
      send(client, { op: 'unsubscribed', id: message.id });
      return;
    }
    if (message.op !== 'subscribe') return;
    if (args.some((name) => delisted.get(name.split('@')[0] ?? '') === 'kill')) {
      client.socket.terminate();
      return;
    }
    const bad = args.filter((name) => {
      const symbol = name.split('@')[0] ?? '';
      return (!symbols.includes(symbol) && !delisted.has(symbol)) || rejectSymbols.has(symbol);
    });
    if (bad.length > 0 && rejectScope === 'request') {
      send(client, {
        op: 'error',
        id: message.id,
        message: `invalid symbol in request: ${bad.join(',')}`,
      });
      return;
    }
    for (const name of args) {
      if (bad.includes(name) && rejectScope === 'stream') continue;
      client.streams.add(name);
    }
    if (bad.length > 0 && rejectScope === 'stream') {
      send(client, { op: 'error', id: message.id, args: bad, message: `unknown symbol ${bad.join(',')}` });
    }
    send(client, {
      op: 'ack',
      id: message.id,
      args: args.filter((name) => !bad.includes(name) || rejectScope === 'silent'),
    });
  }

  function onHttp(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    restRequests.push(`${url.pathname}${url.search}`);
    response.setHeader('date', new Date(now).toUTCString());
    response.setHeader('content-type', 'application/json');
    if (httpErrorCount > 0) {
      httpErrorCount -= 1;
      if (httpErrorStatus === 429) response.setHeader('retry-after', '0');
      response.statusCode = httpErrorStatus;
      return void response.end(JSON.stringify({ message: `injected ${httpErrorStatus}` }));
    }
    if (url.pathname === '/symbols') {
      const start = Number(url.searchParams.get('cursor') ?? '0');
      const page = symbols
        .slice(start, start + pageSize)
        .map((symbol) => ({ symbol, base: symbol.replace(/USDT$/, ''), quote: 'USDT' }));
      const next = start + pageSize < symbols.length ? String(start + pageSize) : undefined;
      return void response.end(JSON.stringify(next ? { symbols: page, next } : { symbols: page }));
    }
    if (url.pathname === '/candles') {
      const symbol = url.searchParams.get('symbol') ?? '';
      const intervalId = url.searchParams.get('interval') ?? '';
      const interval = (Object.entries(TOY_INTERVALS).find(([, id]) => id === intervalId)?.[0] ?? '') as
        | Interval
        | '';
      const start = Number(url.searchParams.get('start'));
      const end = Number(url.searchParams.get('end'));
      const limit = Number(url.searchParams.get('limit'));
      if (!symbols.includes(symbol) || interval === '' || !Number.isFinite(start) || !Number.isFinite(end)) {
        response.statusCode = 400;
        return void response.end(JSON.stringify({ message: `bad request ${url.search}` }));
      }
      const length = intervalMs(interval);
      const asOf = now - restLagMs;
      const current = alignOpenTime(interval, asOf);
      const earliest =
        options.historyDepth === undefined ? -Infinity : current - (options.historyDepth - 1) * length;
      const rows: unknown[] = [];
      for (
        let t = alignOpenTime(interval, Math.max(start, earliest));
        t <= Math.min(end, current) && rows.length < limit;
        t += length
      ) {
        if (t < start) continue;
        const closed = t + length <= asOf;
        const candle = valuesAt(symbol, interval, t, closed);
        rows.push([
          t,
          String(candle.open),
          String(candle.high),
          String(candle.low),
          String(candle.close),
          String(candle.volume),
          closed,
        ]);
      }
      return void response.end(JSON.stringify(rows));
    }
    response.statusCode = 404;
    response.end('{}');
  }

  const server = createServer(onHttp);
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    if (!request.url?.startsWith('/ws') || refusing) return void socket.destroy();
    wss.handleUpgrade(request, socket, head, (ws) => {
      const client: ClientState = { socket: ws, streams: new Set(), reorders: 0 };
      clients.add(client);
      ws.on('message', (data) => onFrame(client, String(data)));
      ws.on('close', () => clients.delete(client));
      ws.on('error', () => clients.delete(client));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    wsBase: `ws://127.0.0.1:${port}`,
    restBase: `http://127.0.0.1:${port}`,
    symbols,
    now: () => now,
    candleAt,
    restRequests,
    controlFrames,
    advance(ms) {
      const before = now;
      now += ms;
      for (const client of clients) {
        for (const name of client.streams) {
          const length = intervalMs(intervalOf(name));
          const currentOpen = alignOpenTime(intervalOf(name), now);
          // Closes are pushed on flag venues; with partialOpen a rollover venue also pushes each
          // ending candle's final state (unflagged) before the next candle's first update.
          if (closeDetection === 'flag' || options.partialOpen === true) {
            for (let t = alignOpenTime(intervalOf(name), before); t + length <= now; t += length) {
              if (t + length > before) push(client, name, kline(name, t, true));
            }
          }
          push(client, name, kline(name, currentOpen, false));
        }
      }
    },
    faults: {
      dropConnections() {
        for (const client of clients) client.socket.terminate();
        clients.clear();
      },
      silence() {
        silenced = true;
      },
      resume() {
        silenced = false;
      },
      skipPushes(count, streamName) {
        if (streamName) skips.set(streamName, count);
        else {
          skipAll = count;
          for (const key of [...skips.keys()]) if (key.startsWith('*')) skips.delete(key);
        }
      },
      reorderPushes(count) {
        for (const client of clients) client.reorders = count;
      },
      stallStream: (name) => void stalled.add(name),
      unstallStream: (name) => void stalled.delete(name),
      httpErrors(status, count) {
        httpErrorStatus = status;
        httpErrorCount = count;
      },
      sendReconnect(reason) {
        for (const client of clients) send(client, { op: 'reconnect', reason });
      },
      delist(symbol, how) {
        delisted.set(symbol, how);
        symbols.splice(symbols.indexOf(symbol), 1);
        if (how === 'kill') {
          for (const client of clients) {
            if ([...client.streams].some((name) => name.startsWith(`${symbol}@`))) client.socket.terminate();
          }
        }
      },
      refuseConnections(on) {
        refusing = on;
      },
      sendGarbage() {
        for (const client of clients) if (!silenced) client.socket.send('{"topic":"BTCUSDT@1m","k":{"t":');
      },
      restLag(ms) {
        restLagMs = ms;
      },
    },
    subscriptionCount: () => [...clients].reduce((sum, client) => sum + client.streams.size, 0),
    connectionCount: () => clients.size,
    restRequestCount: (path) =>
      path ? restRequests.filter((entry) => entry.startsWith(path)).length : restRequests.length,
    async close() {
      for (const client of clients) client.socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
