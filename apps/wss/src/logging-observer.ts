import { type EndpointOverrides, type FeedObserver, type Logger, redactUrl } from '@ohlcv/core';

/** The endpoint overrides with credentials in their URLs masked, for the start-up log line. */
export function redactEndpoints(endpoints: EndpointOverrides): EndpointOverrides {
  const shown: Record<string, Record<string, Record<string, string>>> = {};
  for (const [exchange, markets] of Object.entries(endpoints)) {
    const perExchange: Record<string, Record<string, string>> = {};
    for (const [market, endpoint] of Object.entries(markets ?? {})) {
      const entries = Object.entries(endpoint ?? {}).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      );
      perExchange[market] = Object.fromEntries(entries.map(([kind, url]) => [kind, redactUrl(url)]));
    }
    shown[exchange] = perExchange;
  }
  return shown as EndpointOverrides;
}

/**
 * Wraps `inner` (the metrics observer) and logs the venue-side changes worth a line: connections
 * opening and closing, reconnects, engine errors. Nothing per frame or per candle; stream failures
 * are logged once, by the engine.
 */
export function withVenueLogs(inner: FeedObserver, logger: Logger): FeedObserver {
  return {
    ...inner,
    connectionOpened(info) {
      inner.connectionOpened?.(info);
      logger.info(
        {
          exchange: info.exchange,
          market: info.market,
          connection: info.connectionId,
          url: redactUrl(info.url),
        },
        'venue connected',
      );
    },
    connectionClosed(info) {
      inner.connectionClosed?.(info);
      logger.warn(
        {
          exchange: info.exchange,
          market: info.market,
          connection: info.connectionId,
          code: info.code,
          reason: info.reason,
          willReconnect: info.willReconnect,
        },
        'venue connection closed',
      );
    },
    reconnectScheduled(info) {
      inner.reconnectScheduled?.(info);
      logger.info(
        { exchange: info.exchange, market: info.market, attempt: info.attempt, delayMs: info.delayMs },
        'venue reconnect scheduled',
      );
    },
    // streamFailed: the engine itself logs "stream failed" (with the stream and the error) through the
    // same logger; logging it here too made one failure three lines.
    error(info) {
      inner.error?.(info);
      logger.warn(
        {
          exchange: info.exchange,
          market: info.market,
          stream: info.stream,
          err: info.error instanceof Error ? info.error.message : String(info.error),
        },
        'engine error',
      );
    },
  };
}
