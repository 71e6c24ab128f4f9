import { readFileSync } from 'node:fs';
import type { HttpResponse } from '@ohlcv/core';

/** A fixture file's text. */
export function fixture(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/** An HttpResponse around a body. */
export function response(body: string, status = 200, headers: Record<string, string> = {}): HttpResponse {
  return { url: 'https://api.bybit.com/v5/market/kline?category=inverse', status, headers, body };
}
