import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Feed,
  type Interval,
  type MarketType,
  OhlcvError,
  parseExchangeId,
  parseMarketType,
  type VenueAdapter,
} from '@ohlcv/core';
import { sendJson } from '@ohlcv/health';

/** What the chart page needs to offer a choice: venues, their markets and intervals. */
interface VenueListing {
  exchange: string;
  /** The display name the adapter declares. */
  name: string;
  markets: Array<{ market: MarketType; intervals: Interval[] }>;
}

/** One instrument as the symbol picker shows it. */
interface SymbolListing {
  symbol: string;
  unified: string;
  active: boolean;
}

/** The venues and markets the server serves, with each market's intervals. */
function listVenues(adapters: readonly VenueAdapter[]): VenueListing[] {
  return adapters.map((adapter) => ({
    exchange: adapter.id,
    name: adapter.name,
    markets: (Object.entries(adapter.markets) as Array<[MarketType, (typeof adapter.markets)[MarketType]]>)
      .filter(([, spec]) => spec !== undefined)
      .map(([market, spec]) => ({ market, intervals: Object.keys(spec?.intervals ?? {}) as Interval[] })),
  }));
}

/**
 * `GET /api/venues` and `GET /api/symbols?exchange=…&market=…` (the venue's instrument list, cached by
 * the engine). Returns false for any other path. The caller checks auth first.
 */
export function handleChartApi(
  request: IncomingMessage,
  response: ServerResponse,
  options: { feed: Feed; adapters: readonly VenueAdapter[] },
): boolean {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/api/venues') {
    sendJson(response, 200, { venues: listVenues(options.adapters) });
    return true;
  }
  if (url.pathname !== '/api/symbols') return false;
  const exchangeInput = url.searchParams.get('exchange') ?? '';
  const marketInput = url.searchParams.get('market') ?? '';
  let exchange: ReturnType<typeof parseExchangeId>;
  let market: MarketType;
  try {
    const name = parseExchangeId(exchangeInput);
    market = parseMarketType(marketInput);
    const adapter = options.adapters.find((each) => each.id === name || each.aliases?.includes(name));
    exchange = adapter?.id ?? name;
    if (!adapter?.markets[market]) {
      throw new OhlcvError(`${exchange} ${market} is not served here`, { code: 'unsupported_market' });
    }
  } catch (error) {
    const code = OhlcvError.isInstance(error) ? error.code : 'invalid_request';
    sendJson(response, 400, { code, message: error instanceof Error ? error.message : String(error) });
    return true;
  }
  options.feed.symbols(exchange, market).then(
    (symbols) => {
      const listed: SymbolListing[] = symbols.map((info) => ({
        symbol: info.symbol,
        unified: info.unified,
        active: info.active,
      }));
      sendJson(response, 200, { exchange, market, symbols: listed });
    },
    (error: unknown) => {
      const code = OhlcvError.isInstance(error) ? error.code : 'internal_error';
      sendJson(response, 502, { code, message: error instanceof Error ? error.message : String(error) });
    },
  );
  return true;
}
