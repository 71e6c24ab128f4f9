import type { ExchangeId, MarketType } from './candle';
import type { ConnectionHandler } from './connection-handler';
import type { EngineContext } from './engine-context';
import { OhlcvError } from './errors';
import { TokenBucket } from './token-bucket';
import type { MarketSpec, StreamRef, VenueAdapter } from './venue-adapter';
import { VenueConnection } from './venue-connection';

/** Counts shared by every market of one venue (maxConnections / maxSubscriptions are per venue, per IP). */
export interface VenueUsage {
  connections: number;
  subscriptions: number;
}

export interface ConnectionPoolOptions {
  adapter: VenueAdapter;
  market: MarketType;
  spec: MarketSpec;
  wsBase: string;
  context: EngineContext;
  usage: VenueUsage;
  /** Per-connection handler factory: connection events go to the venue market. */
  handler: Omit<ConnectionHandler, 'connectDelayMs'>;
  nextConnectionId(): number;
}

/**
 * The connections of one venue market. Streams are packed onto connections up to
 * maxStreamsPerConnection and maxArgCharsPerConnection; new connections respect the connect rate,
 * and the venue-wide maxConnections / maxSubscriptions are enforced with clear errors.
 */
export class ConnectionPool {
  readonly exchange: ExchangeId;
  readonly market: MarketType;
  readonly connections: VenueConnection[] = [];
  readonly #options: ConnectionPoolOptions;
  readonly #connectBucket: TokenBucket | undefined;
  readonly #handler: ConnectionHandler;

  constructor(options: ConnectionPoolOptions) {
    this.#options = options;
    this.exchange = options.adapter.id;
    this.market = options.market;
    const rate = options.spec.ws.connectRate;
    this.#connectBucket = rate
      ? new TokenBucket({
          capacity: rate.connections,
          tokens: rate.connections,
          perMs: rate.perMs,
          now: options.context.clock.now,
        })
      : undefined;
    const handler = options.handler;
    this.#handler = {
      onCandle: (candle, receivedAt) => handler.onCandle(candle, receivedAt),
      onAcked: (streams) => handler.onAcked(streams),
      onRejected: (streams, message, code) => handler.onRejected(streams, message, code),
      onOpen: (connection) => handler.onOpen(connection),
      onUnstable: (connection) => handler.onUnstable(connection),
      instruments: () => handler.instruments(),
      connectDelayMs: () => this.#connectBucket?.take(1) ?? 0,
    };
  }

  /** Puts a stream on a connection with room (opening one if needed); throws OhlcvError `limit_exceeded`. */
  acquire(name: string, stream: StreamRef): VenueConnection {
    const { spec, usage, adapter, market } = this.#options;
    const { maxStreamsPerConnection, maxArgCharsPerConnection, maxConnections, maxSubscriptions } = spec.ws;
    const where = `${adapter.id} ${market}`;
    if (maxSubscriptions !== undefined && usage.subscriptions >= maxSubscriptions) {
      throw new OhlcvError(
        `${where}: cannot subscribe ${name}: the venue allows ${maxSubscriptions} subscriptions per client and all are in use`,
        { code: 'limit_exceeded' },
      );
    }
    if (maxArgCharsPerConnection !== undefined && name.length > maxArgCharsPerConnection) {
      throw new OhlcvError(
        `${where}: stream name ${name} is longer than the venue's ${maxArgCharsPerConnection} characters per connection`,
        {
          code: 'limit_exceeded',
        },
      );
    }
    let connection = this.connections.find(
      (candidate) =>
        candidate.state !== 'closed' &&
        candidate.streams.size < maxStreamsPerConnection &&
        (maxArgCharsPerConnection === undefined ||
          candidate.argChars + name.length <= maxArgCharsPerConnection),
    );
    if (!connection) {
      if (maxConnections !== undefined && usage.connections >= maxConnections) {
        throw new OhlcvError(
          `${where}: cannot subscribe ${name}: the venue allows ${maxConnections} connections per client, all full (${maxStreamsPerConnection} streams each)`,
          { code: 'limit_exceeded' },
        );
      }
      connection = new VenueConnection({
        id: this.#options.nextConnectionId(),
        adapter,
        market,
        spec,
        wsBase: this.#options.wsBase,
        context: this.#options.context,
        handler: this.#handler,
      });
      this.connections.push(connection);
      usage.connections += 1;
    }
    connection.addStream(name, stream);
    usage.subscriptions += 1;
    return connection;
  }

  /** Takes a stream off its connection (unsubscribing upstream); an emptied connection is closed. */
  release(name: string, connection: VenueConnection): void {
    if (!connection.streams.has(name)) return;
    connection.removeStream(name);
    this.#options.usage.subscriptions -= 1;
    if (connection.streams.size === 0) {
      // Let the unsubscribe frame go out first; then close.
      queueMicrotask(() => {
        if (connection.streams.size > 0) return;
        void this.#drop(connection);
      });
    }
  }

  async #drop(connection: VenueConnection): Promise<void> {
    const index = this.connections.indexOf(connection);
    if (index < 0) return;
    this.connections.splice(index, 1);
    this.#options.usage.connections -= 1;
    await connection.close();
  }

  async close(): Promise<void> {
    const connections = this.connections.splice(0);
    this.#options.usage.connections -= connections.length;
    await Promise.all(connections.map((connection) => connection.close()));
  }
}
