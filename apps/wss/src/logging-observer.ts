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
 * Wraps `inner` (the metrics observer) and logs what the engine does not log itself: reconnects
 * scheduled and stream-scoped engine errors (a gap fill's REST trouble). Nothing per frame or per
 * candle. Connections opening, closing and failing, venue errors and stream failures are logged by
 * the engine through the same logger, once each; logging them here too made one event two or three
 * lines.
 */
export function withVenueLogs(inner: FeedObserver, logger: Logger): FeedObserver {
  return {
    ...inner,
    reconnectScheduled(info) {
      inner.reconnectScheduled?.(info);
      logger.info(
        { exchange: info.exchange, market: info.market, attempt: info.attempt, delayMs: info.delayMs },
        'venue reconnect scheduled',
      );
    },
    error(info) {
      inner.error?.(info);
      if (info.stream === undefined) return; // a connection's error: the engine logged it
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
