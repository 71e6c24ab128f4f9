import type { FeedObserver } from './feed-types';
import type { Logger } from './logger';
import { redactUrl } from './redact-url';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The engine's log lines, as one observer: each event the engine reports becomes at most one line.
 * Nothing per frame or per candle (those events are not implemented here, so combining this
 * observer with another adds nothing to the hot path). URLs are shown with credentials masked.
 */
export function loggingObserver(logger: Logger): FeedObserver {
  return {
    connectionOpened(info) {
      logger.info(
        {
          exchange: info.exchange,
          market: info.market,
          connection: info.connectionId,
          url: redactUrl(info.url),
        },
        'connection opened',
      );
    },
    connectionClosed(info) {
      const { exchange, market, connectionId, code, reason, willReconnect } = info;
      logger.info(
        { exchange, market, connection: connectionId, code, reason, willReconnect },
        'connection closed',
      );
    },
    connectionRecycled(info) {
      logger.info(
        { exchange: info.exchange, market: info.market, connection: info.connectionId, reason: info.reason },
        'recycling connection',
      );
    },
    reconnectScheduled(info) {
      const { exchange, market, connectionId, attempt, delayMs } = info;
      logger.info({ exchange, market, connection: connectionId, attempt, delayMs }, 'reconnect scheduled');
    },
    restRetry(info) {
      const { exchange, market, attempt, delayMs } = info;
      logger.warn(
        { exchange, market, url: redactUrl(info.url), attempt, delayMs, error: messageOf(info.error) },
        'REST request failed; retrying',
      );
    },
    streamSilent(stream, { silentMs, action }) {
      logger.warn(
        { stream, silentMs },
        action === 'resubscribe'
          ? 'stream silent; re-subscribing'
          : 'stream still silent; recycling its connection',
      );
    },
    streamStalled(stream, silentMs) {
      logger.warn({ stream, silentMs }, 'stream stalled');
    },
    streamRecovered(stream) {
      logger.info({ stream }, 'stream recovered');
    },
    streamFailed(stream, error) {
      logger.warn({ stream, error: error.message }, 'stream failed');
    },
    gapReported(stream, { from, to, reason }) {
      logger.warn(
        { stream, from: new Date(from).toISOString(), to: new Date(to).toISOString(), reason },
        'candles missing',
      );
    },
    error(info) {
      const { exchange, market, stream, during } = info;
      logger.warn({ exchange, market, stream, error: messageOf(info.error) }, during ?? 'engine error');
    },
    notice(info) {
      const { level, message, exchange, market, stream, fields } = info;
      logger[level]({ exchange, market, stream, ...fields }, message);
    },
  };
}

type ObserverMethod = (...args: never[]) => void;

/** The observer's methods by name, own and inherited (a class instance's), bound to it. */
function methodsOf(observer: FeedObserver): Map<string, ObserverMethod> {
  const methods = new Map<string, ObserverMethod>();
  for (
    let level: object | null = observer;
    level && level !== Object.prototype;
    level = Object.getPrototypeOf(level)
  ) {
    for (const name of Object.getOwnPropertyNames(level)) {
      const value = (observer as Record<string, unknown>)[name];
      if (name !== 'constructor' && typeof value === 'function' && !methods.has(name))
        methods.set(name, value.bind(observer) as ObserverMethod);
    }
  }
  return methods;
}

/**
 * One observer that reports to each of `observers` in turn. A method only one of them has is that
 * observer's own (bound once), with no wrapper, so the hot-path events cost what they cost alone.
 */
export function combineObservers(
  ...observers: ReadonlyArray<FeedObserver | undefined>
): FeedObserver | undefined {
  const present = observers.filter((observer): observer is FeedObserver => observer !== undefined);
  if (present.length <= 1) return present[0];
  const byName = new Map<string, ObserverMethod[]>();
  for (const observer of present) {
    for (const [name, method] of methodsOf(observer)) byName.set(name, [...(byName.get(name) ?? []), method]);
  }
  const combined: Record<string, ObserverMethod> = {};
  for (const [name, methods] of byName) {
    combined[name] =
      methods.length === 1
        ? (methods[0] as ObserverMethod)
        : (...args: never[]) => {
            for (const method of methods) method(...args);
          };
  }
  return combined as FeedObserver;
}
