import { type EndpointOverrides, redactUrl } from '@ohlcv/core';

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
