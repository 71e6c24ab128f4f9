import type { ExchangeId, MarketType } from './candle';
import { OhlcvError } from './errors';
import type { FeedOptions } from './feed-types';
import { isExchangeId, parseMarketType } from './market';
import { redactUrl } from './redact-url';
import type { Endpoint, MarketSpec } from './venue-adapter';
import type { VenueRegistry } from './venue-registry';

/** Base-URL overrides per venue and market, as {@link FeedOptions.endpoints} takes them. */
export type EndpointOverrides = NonNullable<FeedOptions['endpoints']>;

const VARIABLE = /^OHLCV_([A-Z0-9.]+)_([A-Z]+)_(WS|REST)_URL$/;
const WS_PROTOCOLS = new Set(['ws:', 'wss:']);
const HTTP_PROTOCOLS = new Set(['http:', 'https:']);

function configError(message: string): OhlcvError {
  return new OhlcvError(message, { code: 'config' });
}

/** Checks a base URL, naming `where` (a variable or option path) in the error. Returns it without a trailing slash. */
export function validateBaseUrl(value: string, kind: 'ws' | 'rest', where: string): string {
  let url: URL;
  const shown = redactUrl(value);
  try {
    url = new URL(value);
  } catch {
    throw configError(
      `${where}="${shown}" is not a URL: expected ${kind === 'ws' ? 'ws(s)' : 'http(s)'}://host[:port]`,
    );
  }
  const allowed = kind === 'ws' ? WS_PROTOCOLS : HTTP_PROTOCOLS;
  if (!allowed.has(url.protocol)) {
    throw configError(
      `${where}="${shown}" has protocol "${url.protocol}": expected ${kind === 'ws' ? 'ws: or wss:' : 'http: or https:'}`,
    );
  }
  return value.replace(/\/+$/, '');
}

/**
 * Reads `OHLCV_<EXCHANGE>_<MARKET>_WS_URL` and `OHLCV_<EXCHANGE>_<MARKET>_REST_URL`
 * (e.g. `OHLCV_ACME_USDM_WS_URL`; market aliases such as `LINEAR` are accepted). Empty values are
 * ignored. With `venues`, the exchange part is resolved through it (venue aliases included) and a name
 * it does not know is refused; without, it is kept as written, lower-cased. Throws an OhlcvError
 * (code `config`) naming the variable for an unknown exchange or market or a value that is not a
 * ws(s)/http(s) URL.
 */
export function endpointOverridesFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  venues?: VenueRegistry,
): EndpointOverrides {
  const overrides: Partial<Record<ExchangeId, Partial<Record<MarketType, Partial<Endpoint>>>>> = {};
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('OHLCV_') || !name.endsWith('_URL')) continue;
    const match = VARIABLE.exec(name);
    if (!match) continue;
    const value = raw?.trim();
    if (!value) continue;
    const exchangeName = match[1]!.toLowerCase();
    let exchange = exchangeName;
    if (venues) {
      const adapter = venues.get(exchangeName);
      if (!adapter) {
        throw configError(
          `${name}: unknown exchange "${match[1]}" (expected one of ${venues.ids.map((id) => id.toUpperCase()).join(', ') || 'no venue registered'})`,
        );
      }
      exchange = adapter.id;
    } else if (!isExchangeId(exchange)) {
      throw configError(`${name}: "${match[1]}" is not a venue name`);
    }
    let market: MarketType;
    try {
      market = parseMarketType(match[2]!);
    } catch (error) {
      throw configError(`${name}: ${(error as Error).message}`);
    }
    const kind = match[3] === 'WS' ? 'ws' : 'rest';
    const url = validateBaseUrl(value, kind, name);
    const perExchange = overrides[exchange] ?? {};
    overrides[exchange] = perExchange;
    perExchange[market] = { ...perExchange[market], [kind]: url };
  }
  return overrides;
}

/** The base URLs to use for one venue market: override, else testnet (when asked), else prod. */
export function resolveEndpoint(
  exchange: ExchangeId,
  market: MarketType,
  spec: MarketSpec,
  options: {
    endpoints?: EndpointOverrides;
    testnet?: boolean;
    /** The venue's aliases: overrides keyed by one of them (as a registry-less env read keeps them) apply too. */
    aliases?: readonly string[];
  },
): Endpoint {
  let base = spec.endpoints.prod;
  if (options.testnet) {
    const testnet = spec.endpoints.testnet;
    if (!testnet)
      throw configError(
        `${exchange} ${market} has no testnet endpoints; drop the testnet option or set an endpoint override`,
      );
    base = testnet;
  }
  const endpoints = options.endpoints;
  const overrideKey =
    endpoints && !Object.hasOwn(endpoints, exchange)
      ? options.aliases?.find((alias) => Object.hasOwn(endpoints, alias))
      : exchange;
  const override = overrideKey === undefined ? undefined : endpoints?.[overrideKey]?.[market];
  const where = `endpoints.${overrideKey ?? exchange}.${market}`;
  return {
    ws: override?.ws ? validateBaseUrl(override.ws, 'ws', `${where}.ws`) : base.ws,
    rest: override?.rest ? validateBaseUrl(override.rest, 'rest', `${where}.rest`) : base.rest,
    ...(base.restHeaders ? { restHeaders: base.restHeaders } : {}),
  };
}
