/** The page's HTTP calls to its own server (`/api/*`), with the token kept in session storage. */

import type { PickableSymbol } from './symbol-search';

const TOKEN_KEY = 'ohlcv-wss-token';

export interface VenueChoice {
  exchange: string;
  markets: Array<{ market: string; intervals: string[] }>;
}

/** The server wants a token (none given, or the one given is wrong). */
export class UnauthorizedError extends Error {
  constructor() {
    super('the server needs a token');
    this.name = 'UnauthorizedError';
  }
}

export function storedToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

/** The page's WebSocket URL (same host; the token as `?token=`, since browsers cannot set headers). */
export function socketUrl(): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = storedToken();
  return `${protocol}//${location.host}/${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
}

async function getJson(path: string): Promise<unknown> {
  const token = storedToken();
  const response = await fetch(path, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    cache: 'no-store',
  });
  if (response.status === 401) throw new UnauthorizedError();
  const body: unknown = await response.json();
  if (!response.ok) {
    const message =
      typeof body === 'object' && body !== null && 'message' in body
        ? String(body.message)
        : response.statusText;
    throw new Error(`${path}: ${message}`);
  }
  return body;
}

export async function fetchVenues(): Promise<VenueChoice[]> {
  const body = (await getJson('/api/venues')) as { venues?: unknown };
  if (!Array.isArray(body.venues)) throw new Error('/api/venues: no "venues" list in the answer');
  return body.venues as VenueChoice[];
}

export async function fetchSymbols(exchange: string, market: string): Promise<PickableSymbol[]> {
  const query = `exchange=${encodeURIComponent(exchange)}&market=${encodeURIComponent(market)}`;
  const body = (await getJson(`/api/symbols?${query}`)) as { symbols?: unknown };
  if (!Array.isArray(body.symbols)) throw new Error('/api/symbols: no "symbols" list in the answer');
  return body.symbols as PickableSymbol[];
}
