import type { Feed, FeedEvent, FeedStatus, Logger, SubscribeOptions, Subscription } from '@ohlcv/core';
import { VENUE_ADAPTERS } from '@ohlcv/venues';
import { Registry } from 'prom-client';
import type { SessionLimits } from '../src/client-session';
import { startWssServer, type WssServer, type WssServerOptions } from '../src/wss-server';

/** A feed played by the test: every symbol resolves (upper-cased), subscriptions are recorded. */
export class StubFeed implements Feed {
  readonly subscriptions: Array<{ stream: string; options: SubscribeOptions | undefined; closed: boolean }> =
    [];
  /** Thrown by `subscribe` when set (an unexpected failure inside the server). */
  subscribeError: Error | undefined;

  subscribe(stream: unknown, options?: SubscribeOptions): Subscription {
    if (this.subscribeError) throw this.subscribeError;
    const entry = { stream: String(stream), options, closed: false };
    this.subscriptions.push(entry);
    return {
      stream: entry.stream,
      ready: Promise.resolve(),
      close: () => {
        entry.closed = true;
      },
      [Symbol.asyncIterator]: () => {
        throw new Error('not iterable in tests');
      },
    };
  }

  /** Delivers `event` to every open subscription of `stream`. */
  emit(stream: string, event: FeedEvent): void {
    for (const entry of this.subscriptions)
      if (entry.stream === stream && !entry.closed) entry.options?.onEvent?.(event);
  }

  openStreams(): string[] {
    return this.subscriptions.filter((entry) => !entry.closed).map((entry) => entry.stream);
  }

  history(): Promise<never> {
    return Promise.reject(new Error('no history in tests'));
  }

  // biome-ignore lint/correctness/useYield: a stub that only fails
  async *historyPages(): AsyncGenerator<never> {
    throw new Error('no history in tests');
  }

  symbols(): Promise<never> {
    return Promise.reject(new Error('no symbols in tests'));
  }
  async resolveSymbol(_exchange: string, _market: string, input: string): Promise<string> {
    return input.toUpperCase();
  }
  status(): FeedStatus {
    return { venues: [], streams: [] };
  }
  async close(): Promise<void> {}
}

export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  object: Record<string, unknown>;
  message: string | undefined;
}

export function recordingLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const at =
    (level: LogRecord['level']) =>
    (object: object, message?: string): void => {
      records.push({ level, object: object as Record<string, unknown>, message });
    };
  return { records, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const TEST_LIMITS: SessionLimits = {
  maxStreamsPerClient: 50,
  maxMessageBytes: 65_536,
  maxOpsPerSecond: 1_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxHistory: 1_000,
};

/** An in-process server on port 0 over `feed`. */
export function startStubServer(
  feed: Feed,
  logger: Logger,
  overrides: Partial<WssServerOptions> = {},
): Promise<WssServer> {
  return startWssServer({
    feed,
    adapters: VENUE_ADAPTERS,
    registry: new Registry(),
    logger,
    host: '127.0.0.1',
    port: 0,
    healthPort: 0,
    token: undefined,
    maxClients: 100,
    lingerMs: 0,
    pingIntervalMs: 60_000,
    limits: TEST_LIMITS,
    ...overrides,
  });
}
