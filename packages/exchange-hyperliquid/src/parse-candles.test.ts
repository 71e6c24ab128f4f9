import type { CandlesQuery, HttpResponse } from '@ohlcv/core';
import { OhlcvError, VenueHttpError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load-fixture';
import { parseHyperliquidCandles } from './parse-candles';

const URL_ = 'https://api.hyperliquid.xyz/info';
const MINUTE = 60_000;

function response(body: string, date?: number, status = 200): HttpResponse {
  return {
    url: URL_,
    status,
    headers: date === undefined ? {} : { date: new Date(date).toUTCString() },
    body,
  };
}

function query(partial: Partial<CandlesQuery>): CandlesQuery {
  return {
    symbol: 'BTC',
    interval: '1m',
    startTime: 0,
    endTime: Number.MAX_SAFE_INTEGER,
    limit: 5000,
    ...partial,
  };
}

function row(t: number, interval = '1m', length = MINUTE) {
  return {
    T: t + length - 1,
    c: '2.0',
    h: '3.0',
    i: interval,
    l: '1.0',
    n: 4,
    o: '1.5',
    s: 'BTC',
    t,
    v: '10.5',
  };
}

describe('parseHyperliquidCandles', () => {
  it('parses the documented 15m row, closed once the venue clock is past T', () => {
    const body = fixtureText('candle-snapshot-15m.json');
    const candles = parseHyperliquidCandles(
      'usdm',
      query({ interval: '15m' }),
      response(body, 1681924500000),
    );
    expect(candles).toEqual([
      {
        exchange: 'hyperliquid',
        market: 'usdm',
        symbol: 'BTC',
        interval: '15m',
        openTime: 1681923600000,
        closeTime: 1681924499999,
        open: 29295,
        high: 29309,
        low: 29250,
        close: 29258,
        volume: 0.98639,
        trades: 189,
        closed: true,
      },
    ]);
  });

  it('keeps the last row open while the venue clock is inside it, or without a Date header', () => {
    const body = fixtureText('candle-snapshot-kpepe-1h.json');
    const inside = parseHyperliquidCandles(
      'usdm',
      query({ symbol: 'kPEPE', interval: '1h' }),
      response(body, 1684702799000),
    );
    expect(inside[0]).toMatchObject({ symbol: 'kPEPE', volume: 520665683, closed: false });
    const noDate = parseHyperliquidCandles(
      'usdm',
      query({ symbol: 'kPEPE', interval: '1h' }),
      response(body),
    );
    expect(noDate[0]!.closed).toBe(false);
  });

  it('closes every row followed by a later one, whatever the clock', () => {
    const t0 = 1_700_000_040_000;
    const body = JSON.stringify([row(t0), row(t0 + 2 * MINUTE), row(t0 + 3 * MINUTE)]);
    const candles = parseHyperliquidCandles('usdm', query({}), response(body, t0));
    expect(candles.map((candle) => candle.closed)).toEqual([true, true, false]);
  });

  it('drops the overlapping row before startTime but uses it, and sorts unordered rows', () => {
    const t0 = 1_700_000_040_000;
    const body = JSON.stringify([row(t0 + MINUTE), row(t0), row(t0 + 2 * MINUTE)]);
    const candles = parseHyperliquidCandles(
      'usdm',
      query({ startTime: t0 + MINUTE, endTime: t0 + MINUTE }),
      response(body),
    );
    expect(candles.map((candle) => [candle.openTime, candle.closed])).toEqual([[t0 + MINUTE, true]]);
  });

  it('returns nothing for an empty answer', () => {
    expect(parseHyperliquidCandles('spot', query({ symbol: '@107' }), response('[]'))).toEqual([]);
  });

  it('throws retryable on 429 and a non-retryable error with the venue text on 422', () => {
    const rateLimited = (() => {
      try {
        parseHyperliquidCandles('usdm', query({}), response('null', undefined, 429));
      } catch (error) {
        return error;
      }
    })();
    expect(rateLimited).toBeInstanceOf(VenueHttpError);
    expect((rateLimited as VenueHttpError).retryable).toBe(true);
    const refused = (() => {
      try {
        parseHyperliquidCandles(
          'usdm',
          query({}),
          response('Failed to deserialize the JSON body into the target type', undefined, 422),
        );
      } catch (error) {
        return error;
      }
    })() as VenueHttpError;
    expect(refused.retryable).toBe(false);
    expect(refused.message).toContain('Failed to deserialize the JSON body into the target type');
  });

  it('throws a clear error on malformed bodies', () => {
    expect(() => parseHyperliquidCandles('usdm', query({}), response('<html>'))).toThrow(/not JSON/);
    expect(() => parseHyperliquidCandles('usdm', query({}), response('{"a":1}'))).toThrow(/array of candles/);
    expect(() => parseHyperliquidCandles('usdm', query({}), response('[{"t":1}]'))).toThrow(OhlcvError);
    expect(() =>
      parseHyperliquidCandles('usdm', query({ interval: '5m' }), response(JSON.stringify([row(0)]))),
    ).toThrow(/row interval 1m for a 5m request/);
    expect(() => parseHyperliquidCandles('usdm', query({ symbol: 'NOPE' }), response('null'))).toThrow(
      /NOPE/,
    );
  });
});
