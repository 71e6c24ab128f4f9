/**
 * One HTTP server on 127.0.0.1 (port 0) serving REST routes and WebSocket upgrades on the same port.
 *
 * How a venue simulator uses it:
 *   const server = await SimServer.start({ clock });
 *   server.rest('/api/v3/klines', (request) => ({ status: 200, body: rows, headers: {...} }));
 *   server.ws((url) => url.pathname.startsWith('/ws'), (connection, url) => { connection.socket.on('message', …) });
 *   clock.addSettler(() => server.flushed());
 * and exposes `server.wsBase` / `server.restBase`, `connectionCount()`, `restRequestCount(path)`,
 * `close()`. Send frames with `connection.send(text)` (it counts unflushed writes, so `flushed()` can wait
 * for them); end sockets with `connection.close(code, reason)` (close frame) or `connection.drop()` (none).
 * REST responses get a `Date` header from the virtual clock and a JSON body (`text` for anything else).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { VirtualClock } from '../simulator-types';
import type { RestFaults } from './rest-faults';

const FLUSH_TIMEOUT_MS = 2_000;
/** Virtual ms a half-open socket lingers on the venue's side before its TCP stack drops it. */
const HALF_OPEN_LIFETIME_MS = 2 * 60_000;

export interface SimRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON unless `text` is given. */
  body?: unknown;
  text?: string;
}

export type RestHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;
export type WsRouteMatch = (url: URL) => boolean;
export type WsHandler = (connection: SimConnection, url: URL, request: IncomingMessage) => void;

/** One client WebSocket connection. */
export class SimConnection {
  private static nextId = 1;
  readonly id = SimConnection.nextId++;
  /** Real ms when the connection was accepted. */
  readonly openedAt = Date.now();

  constructor(
    readonly socket: WebSocket,
    private readonly server: SimServer,
  ) {}

  /** Half-open: the socket stays open but nothing is sent, read or answered (not even pings). */
  private dead = false;

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  get isHalfOpen(): boolean {
    return this.dead;
  }

  /**
   * Makes the connection half-open, as a dead network path: open on both ends, nothing sent from now
   * on, client frames (pings included) no longer read, so no pong ever goes back.
   */
  halfOpen(): void {
    if (this.dead) return;
    this.dead = true;
    this.socket.pause();
    // The venue's TCP stack gives up on the dead path in the end (a venue's connection cap must not
    // fill up with them): after HALF_OPEN_LIFETIME_MS of virtual time.
    this.server.afterVirtual(HALF_OPEN_LIFETIME_MS, () => this.socket.terminate());
  }

  /** Sends a text frame if the socket is open. */
  send(text: string): void {
    if (!this.isOpen || this.dead) return;
    this.server.trackSend();
    this.socket.send(text, this.server.onSent);
  }

  /** Closes with a close frame. */
  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code, reason);
      // Do not wait forever for the client's close frame.
      setTimeout(() => this.socket.terminate(), 1_000).unref();
    }
  }

  /** Ends the TCP connection without a close frame (the client sees 1006). */
  drop(): void {
    this.socket.terminate();
  }
}

interface WsRoute {
  match: WsRouteMatch;
  handler: WsHandler;
}

export class SimServer {
  readonly wsBase: string;
  readonly restBase: string;
  readonly connections = new Set<SimConnection>();
  private readonly restRoutes = new Map<string, RestHandler>();
  private readonly wsRoutes: WsRoute[] = [];
  private readonly requestCounts = new Map<string, number>();
  /** Pongs are sent by hand, so a silenced venue or a half-open socket can withhold them. */
  private readonly webSockets = new WebSocketServer({ noServer: true, autoPong: false });
  private pendingSends = 0;
  private inFlight = 0;
  private flushWaiters: Array<() => void> = [];
  private faults: { readonly rest: RestFaults; readonly silenced: boolean } | undefined;

  private constructor(
    private readonly server: Server,
    private readonly clock: VirtualClock,
    port: number,
  ) {
    this.wsBase = `ws://127.0.0.1:${port}`;
    this.restBase = `http://127.0.0.1:${port}`;
  }

  static async start(options: { clock: VirtualClock }): Promise<SimServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const simServer = new SimServer(server, options.clock, (server.address() as AddressInfo).port);
    server.on('request', (request, response) => void simServer.handleRequest(request, response));
    server.on('upgrade', (request, socket, head) => simServer.handleUpgrade(request, socket, head));
    return simServer;
  }

  /** Serves GET/POST requests to exactly `path`. */
  rest(path: string, handler: RestHandler): void {
    this.restRoutes.set(path, handler);
  }

  /** Accepts WebSocket upgrades whose URL matches; the first matching route wins. */
  ws(match: WsRouteMatch, handler: WsHandler): void {
    this.wsRoutes.push({ match, handler });
  }

  /**
   * The `FaultState` passes itself: its slow and hanging REST responses, and its silence, during which
   * protocol pings get no pong (as on a half-open socket).
   */
  useFaults(faults: { readonly rest: RestFaults; readonly silenced: boolean }): void {
    this.faults = faults;
  }

  connectionCount(): number {
    return this.connections.size;
  }

  /** Runs `task` after `ms` of virtual time (real time if the clock cannot schedule). */
  afterVirtual(ms: number, task: () => void): void {
    const clock = this.clock as VirtualClock & { schedule?(at: number, run: () => void): unknown };
    if (clock.schedule) clock.schedule(clock.now() + ms, task);
    else setTimeout(task, ms).unref();
  }

  /** REST requests received and not answered yet (slow, hung, or being served). */
  restInFlight(): number {
    return this.inFlight;
  }

  restRequestCount(path?: string): number {
    if (path !== undefined) return this.requestCounts.get(path) ?? 0;
    let total = 0;
    for (const count of this.requestCounts.values()) total += count;
    return total;
  }

  /** Resolves once every frame sent so far has been written to its socket. */
  flushed(): Promise<void> {
    if (this.pendingSends === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.flushWaiters.push(resolve);
      // A socket destroyed mid-write must not hang the clock.
      setTimeout(resolve, FLUSH_TIMEOUT_MS).unref();
    });
  }

  /** @internal counts a send whose callback is `onSent`. */
  trackSend(): void {
    this.pendingSends += 1;
  }

  /** @internal shared send callback (no closure per frame). */
  readonly onSent = (): void => {
    this.pendingSends -= 1;
    if (this.pendingSends === 0 && this.flushWaiters.length > 0) {
      const waiters = this.flushWaiters;
      this.flushWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };

  /** Terminates every socket and stops listening. */
  async close(): Promise<void> {
    this.faults?.rest.release();
    for (const connection of this.connections) connection.socket.terminate();
    this.connections.clear();
    this.webSockets.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.pendingSends = 0;
    this.onSent();
  }

  private async handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.inFlight += 1;
    try {
      await this.serve(request, response);
    } finally {
      this.inFlight -= 1;
    }
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.restBase);
    this.requestCounts.set(url.pathname, (this.requestCounts.get(url.pathname) ?? 0) + 1);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const held = this.faults?.rest.before(
      new Promise<void>((resolve) => response.once('close', () => resolve())),
    );
    if (held) {
      await held;
      if (response.destroyed || response.writableEnded) return;
    }
    const handler = this.restRoutes.get(url.pathname);
    let result: SimResponse;
    try {
      result = handler
        ? await handler({
            method: request.method ?? 'GET',
            path: url.pathname,
            query: url.searchParams,
            headers: request.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          })
        : { status: 404, body: { error: `no simulated route for ${url.pathname}` } };
    } catch (error) {
      result = { status: 500, body: { error: error instanceof Error ? error.message : String(error) } };
    }
    const text = result.text ?? JSON.stringify(result.body ?? null);
    response.statusCode = result.status;
    response.setHeader('Date', new Date(this.clock.now()).toUTCString());
    response.setHeader(
      'Content-Type',
      result.text === undefined ? 'application/json;charset=UTF-8' : 'text/plain',
    );
    for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, value);
    response.end(text);
  }

  private handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', this.wsBase);
    const route = this.wsRoutes.find((candidate) => candidate.match(url));
    if (!route) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.webSockets.handleUpgrade(request, socket, head, (webSocket) => {
      const connection = new SimConnection(webSocket, this);
      this.connections.add(connection);
      webSocket.on('close', () => this.connections.delete(connection));
      webSocket.on('error', () => webSocket.terminate());
      webSocket.on('ping', (data) => {
        if (!this.faults?.silenced && !connection.isHalfOpen && connection.isOpen) webSocket.pong(data);
      });
      route.handler(connection, url, request);
    });
  }
}
