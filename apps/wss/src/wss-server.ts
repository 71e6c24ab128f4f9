import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type Clock, type Feed, type Logger, systemClock, type VenueAdapter } from '@ohlcv/core';
import { createHealthRoutes, createServerMetrics, type HealthServer, startHealthServer } from '@ohlcv/health';
import type { Registry } from 'prom-client';
import { type WebSocket, WebSocketServer } from 'ws';
import { limitConnectionsPerAddress } from './address-limit';
import { isAuthorized } from './authenticate';
import { BacklogFlusher } from './backlog-flusher';
import { BatchWindowSet } from './batch-windows';
import { createChartRoutes } from './chart-routes';
import { destroySocket } from './client-outbox';
import { ClientSession, type SessionLimits } from './client-session';
import { IdleSweep } from './idle-sweep';
import { LogThrottle } from './log-throttle';
import { StreamResolver } from './resolve-stream';
import { startKeepAlive } from './session/keep-alive';
import type { LegacyTimeouts } from './session/legacy-protocol';
import { StreamHub } from './stream-hub';

export interface WssServerOptions {
  feed: Feed;
  adapters: readonly VenueAdapter[];
  /** Receives the server metrics; also served at /metrics. */
  registry: Registry;
  logger: Logger;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Separate port for /health, /ready, /metrics (they are served on `port` too); 0 = none. */
  healthPort: number;
  token: string | undefined;
  maxClients: number;
  /** TCP connections at most from one IP address (WebSocket or not). @default 100 */
  maxClientsPerAddress?: number;
  /** Close a client subscribed to nothing for this long (close code 4001); 0 = never. @default 60_000 */
  idleTimeoutMs?: number;
  /** Upstream (venue) streams at most, over all clients. @default 2_000 */
  maxUpstreams?: number;
  lingerMs: number;
  pingIntervalMs: number;
  limits: SessionLimits;
  /** Time and timers of the sessions and keep-alive (default: the system clock). */
  clock?: Clock;
  /** The older protocol's subscribe and idle timeouts (default: 0 = off, 10 s). */
  legacy?: LegacyTimeouts;
  /** Serve the chart page at `/` (with `/ui/*` and `/api/*`). @default false */
  ui?: boolean;
}

export interface WssServer {
  readonly host: string;
  readonly port: number;
  readonly healthPort: number | undefined;
  readonly clientCount: number;
  /** Stops accepting, closes clients with 1001, releases the upstreams. Does not close the feed. */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

/** At most one log line per this period for refused connections (failed auth, caps). */
const REFUSAL_LOG_EVERY_MS = 10_000;
/** An HTTP request (an upgrade included) must send its headers within this time (slowloris). */
const HEADERS_TIMEOUT_MS = 10_000;

function reject(socket: Duplex, status: number, text: string, message: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`,
  );
}

/** Starts the fan-out server: WebSocket and the health routes on one HTTP server (ws noServer + handleUpgrade). */
export async function startWssServer(options: WssServerOptions): Promise<WssServer> {
  const { feed, logger, registry } = options;
  const clock = options.clock ?? systemClock;
  const metrics = createServerMetrics(registry);
  const hub = new StreamHub({
    feed,
    logger,
    metrics,
    lingerMs: options.lingerMs,
    maxUpstreams: options.maxUpstreams ?? 2_000,
    clock,
  });
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const now = () => clock.now();
  const authFailureLog = new LogThrottle(REFUSAL_LOG_EVERY_MS, now);
  const refusalLog = new LogThrottle(REFUSAL_LOG_EVERY_MS, now);
  const resolver = new StreamResolver(feed, options.adapters);
  const sessions = new Set<ClientSession>();
  const backlogged = new BacklogFlusher<ClientSession>(clock);
  const idleSweep = idleTimeoutMs > 0 ? new IdleSweep({ idleTimeoutMs, clock, metrics, logger }) : undefined;
  let nextId = 0;
  let shuttingDown = false;

  const context = {
    hub,
    resolver,
    limits: options.limits,
    metrics,
    logger,
    clock,
    windows: new BatchWindowSet(clock),
    legacy: options.legacy ?? { subscribeTimeoutMs: 0, idleTimeoutMs: 10_000 },
    onBacklog(session: ClientSession) {
      backlogged.add(session);
    },
  };

  const routes = createHealthRoutes({ status: () => feed.status(), registry });
  const chartRoutes = options.ui
    ? createChartRoutes({ feed, adapters: options.adapters, token: options.token })
    : undefined;
  // Check request timeouts every second (default 30 s), so a slowloris is cut soon after HEADERS_TIMEOUT_MS.
  const httpServer = createServer({ connectionsCheckingInterval: 1_000 }, (request, response) => {
    if (routes(request, response)) return;
    if (chartRoutes?.(request, response)) return;
    response.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' });
    response.end('ohlcv-wss: connect with a WebSocket client (health routes: /health, /ready, /metrics)\n');
  });
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    // Messages above the configured limit get an error reply; far larger frames close the connection (1009).
    maxPayload: options.limits.maxMessageBytes * 4,
  });

  const onConnection = (socket: WebSocket, request: IncomingMessage): void => {
    const remote = `${request.socket.remoteAddress ?? '?'}:${request.socket.remotePort ?? '?'}`;
    if (sessions.size >= options.maxClients) {
      metrics.rejectedConnections.labels('server_full').inc();
      const suppressed = refusalLog.take();
      if (suppressed !== undefined)
        logger.warn({ remote, limit: options.maxClients, suppressed }, 'client refused: server full');
      socket.close(1013, `server full: ${options.maxClients} clients connected (the limit)`);
      return;
    }
    nextId += 1;
    const session = new ClientSession(nextId, socket, remote, context);
    sessions.add(session);
    idleSweep?.connected(session, session.connectedAt);
    metrics.connections.inc();
    metrics.clients.inc();
    logger.info({ client: session.id, remote }, 'client connected');
    socket.on('message', (data, isBinary) => {
      try {
        session.handleMessage(data, isBinary);
      } catch (error) {
        session.internalError(error);
      }
    });
    socket.on('pong', () => {
      session.alive = true;
    });
    socket.on('error', (error) =>
      logger.debug({ client: session.id, err: error.message }, 'client socket error'),
    );
    socket.on('close', (code, reason) => {
      sessions.delete(session);
      idleSweep?.gone(session);
      backlogged.delete(session);
      session.ended();
      metrics.clients.dec();
      logger.info(
        {
          client: session.id,
          code,
          reason: reason.toString(),
          sent: session.outbox.sent,
          seconds: Math.round((clock.now() - session.connectedAt) / 1000),
        },
        'client disconnected',
      );
    });
  };

  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (shuttingDown) {
      metrics.rejectedConnections.labels('shutting_down').inc();
      reject(socket, 503, 'Service Unavailable', 'server shutting down\n');
      return;
    }
    if (options.token !== undefined && !isAuthorized(request, options.token)) {
      metrics.rejectedConnections.labels('unauthorized').inc();
      const suppressed = authFailureLog.take();
      if (suppressed !== undefined) {
        logger.warn(
          { remote: request.socket.remoteAddress, suppressed },
          'client refused: missing or wrong token',
        );
      }
      reject(
        socket,
        401,
        'Unauthorized',
        'missing or wrong token: send "Authorization: Bearer <token>" or ?token=<token>\n',
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, request));
  });

  httpServer.headersTimeout = HEADERS_TIMEOUT_MS;
  httpServer.requestTimeout = HEADERS_TIMEOUT_MS * 2;
  httpServer.on(
    'connection',
    limitConnectionsPerAddress({
      maxPerAddress: options.maxClientsPerAddress ?? 100,
      metrics,
      logger,
      refusalLog,
    }),
  );

  const keepAlive = startKeepAlive({
    clients: sessions,
    intervalMs: options.pingIntervalMs,
    clock,
    metrics,
    logger,
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  let health: HealthServer | undefined;
  if (options.healthPort > 0) {
    health = await startHealthServer({
      host: options.host,
      port: options.healthPort,
      status: () => feed.status(),
      registry,
    });
  }

  return {
    host: options.host,
    port,
    healthPort: health?.port,
    get clientCount() {
      return sessions.size;
    },
    async close({ timeoutMs = 2_000 } = {}) {
      if (shuttingDown) return;
      shuttingDown = true;
      keepAlive.stop();
      idleSweep?.stop();
      backlogged.stop();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      const open = [...sessions];
      const allGone = Promise.all(
        open.map(
          (session) =>
            new Promise<void>((resolve) => {
              if (session.socket.readyState === 3) resolve();
              else session.socket.once('close', () => resolve());
            }),
        ),
      );
      for (const session of open) session.shutdown();
      let timer: unknown;
      await Promise.race([
        allGone,
        new Promise<void>((resolve) => (timer = clock.setTimeout(resolve, timeoutMs))),
      ]);
      clock.clearTimeout(timer);
      for (const session of sessions) destroySocket(session.socket);
      hub.close();
      httpServer.closeAllConnections();
      await Promise.all([closed, health?.close()]);
    },
  };
}
