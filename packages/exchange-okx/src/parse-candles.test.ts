import { type CandlesQuery, OhlcvError, VenueHttpError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { readFixture } from './__fixtures__/read-fixture';
import { parseOkxCandles } from './parse-candles';

const url = 'https://www.okx.com/api/v5/market/history-candles?instId=BTC-USDT-SWAP&bar=1m';
const query: CandlesQuery = {
  symbol: 'BTC-USDT-SWAP',
  interval: '1m',
  startTime: 1789470120000,
  endTime: 1789470240000,
  limit: 100,
};

function response(body: string, status = 200, headers: Record<string, string> = {}) {
  return { url, status, headers, body };
}

describe('parseOkxCandles', () => {
  it('returns newest-first rows ascending, closed by confirm, volume in base', () => {
    const candles = parseOkxCandles('usdm', query, response(readFixture('history-candles-swap.json')));
    expect(candles.map((candle) => [candle.openTime, candle.closed, candle.volume])).toEqual([
      [1789470120000, true, 1.578],
      [1789470180000, true, 1.205],
      [1789470240000, false, 0.982],
    ]);
    expect(candles[0]).toMatchObject({
      exchange: 'okx',
      market: 'usdm',
      closeTime: 1789470179999,
      quoteVolume: 121697.29,
    });
  });

  it('keeps only the window', () => {
    const candles = parseOkxCandles(
      'usdm',
      { ...query, startTime: 1789470180000, endTime: 1789470180000 },
      response(readFixture('history-candles-swap.json')),
    );
    expect(candles.map((candle) => candle.openTime)).toEqual([1789470180000]);
  });

  it('closes 7-element rows when a newer row exists or the venue clock (Date) is past them', () => {
    const body = readFixture('history-candles-seven.json');
    expect(parseOkxCandles('spot', query, response(body)).map((candle) => candle.closed)).toEqual([
      true,
      false,
    ]);
    const later = { date: new Date(1789470240000).toUTCString() };
    expect(parseOkxCandles('spot', query, response(body, 200, later)).map((candle) => candle.closed)).toEqual(
      [true, true],
    );
    const [spot] = parseOkxCandles('spot', query, response(body));
    // Spot 7-element rows: vol is base and volCcy quote.
    expect(spot).toMatchObject({ volume: 1.578, quoteVolume: 121697.29 });
  });

  it('keeps the confirmed row when the doc sample repeats an open time', () => {
    const wide = { ...query, symbol: 'BTC-USDT', startTime: 0, endTime: 2e12 };
    const candles = parseOkxCandles('spot', wide, response(readFixture('candles-doc.json')));
    expect(candles).toHaveLength(1);
    expect(candles[0]).toMatchObject({
      closed: true,
      close: 3.72,
      volume: 24912403,
      quoteVolume: 37632347.24399722,
    });
  });

  it('throws a retryable VenueHttpError for 50011 on HTTP 200 and on HTTP 429', () => {
    for (const status of [200, 429]) {
      let error: unknown;
      try {
        parseOkxCandles('usdm', query, response(readFixture('error-rate-limit.json'), status));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(VenueHttpError);
      expect(error).toMatchObject({ retryable: true, venueCode: '50011', status });
    }
  });

  it('throws a non-retryable error naming the instrument for 51001', () => {
    const unknown = {
      ...response(readFixture('error-unknown-instrument.json')),
      url: `${url.replace('BTC-USDT-SWAP', 'BTC-XYZ')}`,
    };
    expect(() => parseOkxCandles('spot', query, unknown)).toThrowError(/unknown instrument "BTC-XYZ"/);
    try {
      parseOkxCandles('spot', query, unknown);
    } catch (error) {
      expect(error).toMatchObject({ retryable: false, venueCode: '51001' });
    }
  });

  it('throws protocol errors for bodies that are not candle envelopes', () => {
    expect(() => parseOkxCandles('spot', query, response('<html>'))).toThrowError(OhlcvError);
    expect(() => parseOkxCandles('spot', query, response('{"code":"0","data":[["x"]]}'))).toThrowError(
      /row 0/,
    );
    expect(() => parseOkxCandles('spot', query, response('{"code":"0"}'))).toThrowError(/data/);
  });
});
