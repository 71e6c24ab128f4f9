import type { CandlesQuery, HttpResponse, InstrumentIndex, SymbolInfo } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load-fixture';
import { parseCandles } from './parse-candles';

function response(body: string, headers: Record<string, string> = {}, status = 200): HttpResponse {
  return {
    url: 'https://api.gateio.ws/api/v4/spot/candlesticks?currency_pair=BTC_USDT',
    status,
    headers,
    body,
  };
}

function query(symbol: string, startSeconds: number, endSeconds: number): CandlesQuery {
  return { symbol, interval: '1m', startTime: startSeconds * 1000, endTime: endSeconds * 1000, limit: 1000 };
}

const usdt: InstrumentIndex = new Map<string, SymbolInfo>([
  [
    'BTC_USDT',
    {
      symbol: 'BTC_USDT',
      unified: 'BTC/USDT:USDT',
      base: 'BTC',
      quote: 'USDT',
      market: 'usdm',
      status: 'trading',
      active: true,
      contractSize: 0.0001,
    },
  ],
]);

describe('parseCandles spot', () => {
  it('reads the 7-element row with base volume at 6 (no flag): closed by the venue Date header', () => {
    const body = fixtureText('spot-candles-base-volume.json');
    const q = query('BTC_USDT', 1685167200, 1685167200);
    const before = parseCandles('spot', q, response(body, { date: 'Sat, 27 May 2023 06:00:30 GMT' }));
    expect(before).toEqual([
      {
        exchange: 'gateio',
        market: 'spot',
        symbol: 'BTC_USDT',
        interval: '1m',
        openTime: 1685167200000,
        closeTime: 1685167259999,
        open: 26728.1,
        high: 26736.1,
        low: 26718.4,
        close: 26718.4,
        volume: 4.856410775,
        quoteVolume: 129807.73747903013,
        closed: false,
      },
    ]);
    const after = parseCandles('spot', q, response(body, { date: 'Sat, 27 May 2023 06:01:00 GMT' }));
    expect(after[0]!.closed).toBe(true);
    expect(parseCandles('spot', q, response(body))[0]!.closed).toBe(false);
  });

  it('reads the docs row (flag at 6, no base volume): flag decides, base ≈ quote ÷ close', () => {
    const body = fixtureText('spot-candles-docs.json');
    const [candle] = parseCandles('spot', query('BTC_USDT', 1539852480, 1539852480), response(body));
    expect(candle!.closed).toBe(true);
    expect(candle!.close).toBe(0.0021724);
    expect(candle!.volume).toBeCloseTo(971519.677 / 0.0021724, 3);
  });

  it('8-element rows: the flag wins over a later row and the Date header', () => {
    const body = JSON.stringify([
      ['60', '10', '2', '3', '1', '1.5', '5', 'false'],
      ['120', '10', '2', '3', '1', '1.5', '5', 'true'],
    ]);
    const result = parseCandles(
      'spot',
      query('BTC_USDT', 60, 120),
      response(body, { date: 'Thu, 01 Jan 2099 00:00:00 GMT' }),
    );
    expect(result.map((candle) => candle.closed)).toEqual([false, true]);
  });

  it('sorts ascending and keeps only the query window', () => {
    const body = JSON.stringify([
      ['180', '1', '2', '3', '1', '1.5', '5', 'true'],
      ['60', '1', '2', '3', '1', '1.5', '5', 'true'],
      ['120', '1', '2', '3', '1', '1.5', '5', 'true'],
    ]);
    const result = parseCandles('spot', query('BTC_USDT', 60, 120), response(body));
    expect(result.map((candle) => candle.openTime)).toEqual([60_000, 120_000]);
  });

  it('throws a protocol error naming the symbol for a malformed row', () => {
    expect(() => parseCandles('spot', query('BTC_USDT', 0, 60), response('[["x"]]'))).toThrow(/BTC_USDT/);
  });

  it('throws the venue error for error bodies', () => {
    const body = fixtureText('error-invalid-currency-pair.json');
    expect(() => parseCandles('spot', query('BTC_USDTT', 0, 60), response(body, {}, 400))).toThrow(
      /Invalid currency pair BTC_USDTT/,
    );
  });
});

describe('parseCandles futures', () => {
  it('usdm: v contracts × quanto_multiplier, quoteVolume = sum; a later row closes the previous', () => {
    const row = JSON.parse(fixtureText('futures-candles.json'))[0] as Record<string, unknown>;
    const body = JSON.stringify([row, { ...row, t: 1539852540 }]);
    const result = parseCandles('usdm', query('BTC_USDT', 1539852480, 1539852540), response(body), usdt);
    expect(result[0]).toMatchObject({
      openTime: 1539852480000,
      close: 1.032,
      quoteVolume: 3580,
      closed: true,
    });
    expect(result[0]!.volume).toBeCloseTo(9.7151, 9);
    expect(result[1]!.closed).toBe(false);
  });

  it('coinm: base ≈ USD ÷ close, quoteVolume = contracts (USD)', () => {
    const body = fixtureText('futures-candles.json');
    const [candle] = parseCandles('coinm', query('BTC_USD', 1539852480, 1539852480), response(body));
    expect(candle!.quoteVolume).toBe(97151);
    expect(candle!.volume).toBeCloseTo(97151 / 1.032, 6);
  });

  it('usdm without the contract size throws naming the symbol', () => {
    const body = fixtureText('futures-candles.json');
    expect(() =>
      parseCandles('usdm', query('ETH_USDT', 1539852480, 1539852480), response(body), usdt),
    ).toThrow(/ETH_USDT.*quanto_multiplier/);
  });
});
