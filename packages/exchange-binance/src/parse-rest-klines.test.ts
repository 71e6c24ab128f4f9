import { type HttpResponse, OhlcvError, VenueHttpError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { coinmInstruments } from './__fixtures__/coinm-instruments';
import { readFixture } from './__fixtures__/read-fixture';
import { parseBinanceCandles } from './parse-rest-klines';

function response(body: string, headers: Record<string, string> = {}, status = 200): HttpResponse {
  return { url: 'https://api.binance.com/api/v3/klines', status, headers, body };
}

const spotQuery = {
  symbol: 'BTCUSDT',
  interval: '1w' as const,
  startTime: 1499040000000,
  endTime: 1499040000000,
  limit: 1,
};
const coinmQuery = {
  symbol: 'BTCUSD_PERP',
  interval: '1m' as const,
  startTime: 1591258320000,
  endTime: 1591258320000,
  limit: 1,
};
/** Far after both fixture rows. */
const LATER = 'Wed, 25 Nov 2026 10:00:00 GMT';

describe('parseBinanceCandles', () => {
  it('reads the documented spot row', () => {
    expect(
      parseBinanceCandles('spot', spotQuery, response(readFixture('spot-klines.json'), { date: LATER })),
    ).toEqual([
      {
        exchange: 'binance',
        market: 'spot',
        symbol: 'BTCUSDT',
        interval: '1w',
        openTime: 1499040000000,
        closeTime: 1499644799999,
        open: 0.0163479,
        high: 0.8,
        low: 0.015758,
        close: 0.015771,
        volume: 148976.11427815,
        quoteVolume: 2434.19055334,
        trades: 308,
        closed: true,
      },
    ]);
  });

  it('reads COIN-M base volume from index 7, not contracts from index 5', () => {
    const [candle] = parseBinanceCandles(
      'coinm',
      coinmQuery,
      response(readFixture('coinm-klines.json'), { date: LATER }),
    );
    expect(candle).toMatchObject({ volume: 2.13660389, open: 9640.7, close: 9642, trades: 48, closed: true });
    expect(candle && 'quoteVolume' in candle).toBe(false);
  });

  it('derives COIN-M quote volume (USD) from contracts × contractSize', () => {
    const instruments = coinmInstruments('BTCUSD_PERP', 'BTC/USD:BTC');
    const [candle] = parseBinanceCandles(
      'coinm',
      coinmQuery,
      response(readFixture('coinm-klines.json'), { date: LATER }),
      instruments,
    );
    expect(candle?.quoteVolume).toBe(20_600);
  });

  describe('closed', () => {
    const rows = JSON.stringify([
      [60_000, '1', '2', '0.5', '1.5', '10', 119_999, '15', 3, '5', '7', '0'],
      [120_000, '1.5', '2', '1', '1', '4', 179_999, '6', 2, '2', '3', '0'],
    ]);
    const query = {
      symbol: 'BTCUSDT',
      interval: '1m' as const,
      startTime: 60_000,
      endTime: 120_000,
      limit: 2,
    };

    it('marks the last row open while the venue clock is inside it', () => {
      const candles = parseBinanceCandles(
        'spot',
        query,
        response(rows, { date: new Date(179_000).toUTCString() }),
      );
      expect(candles.map((candle) => candle.closed)).toEqual([true, false]);
    });

    it('marks the last row closed once the venue clock passed its close time', () => {
      const candles = parseBinanceCandles(
        'usdm',
        query,
        response(rows, { date: new Date(180_000).toUTCString() }),
      );
      expect(candles.map((candle) => candle.closed)).toEqual([true, true]);
    });

    it('without a Date header, every row but the last is closed', () => {
      const candles = parseBinanceCandles('spot', query, response(rows));
      expect(candles.map((candle) => candle.closed)).toEqual([true, false]);
    });

    it('sorts rows that arrive out of order, the newest staying open', () => {
      const reversed = JSON.stringify([...JSON.parse(rows)].reverse());
      const candles = parseBinanceCandles('spot', query, response(reversed));
      expect(candles.map((candle) => [candle.openTime, candle.closed])).toEqual([
        [60_000, true],
        [120_000, false],
      ]);
    });
  });

  it('returns no candles for an empty page', () => {
    expect(parseBinanceCandles('spot', spotQuery, response('[]'))).toEqual([]);
  });

  it('throws VenueHttpError for an error body', () => {
    const error = (() => {
      try {
        parseBinanceCandles('spot', spotQuery, response(readFixture('error-invalid-symbol.json'), {}, 400));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(VenueHttpError);
    expect((error as VenueHttpError).venueCode).toBe('-1121');
  });

  it('throws a protocol error naming the bad row', () => {
    expect(() => parseBinanceCandles('spot', spotQuery, response('[[1,"x"]]'))).toThrow(/row 0/);
    expect(() =>
      parseBinanceCandles('spot', spotQuery, response('[[1,"a","1","1","1","1",2,"1",1]]')),
    ).toThrow(OhlcvError);
    expect(() => parseBinanceCandles('spot', spotQuery, response('<html>'))).toThrow(/not JSON/);
    expect(() => parseBinanceCandles('spot', spotQuery, response('{"rows":[]}'))).toThrow(/not an array/);
  });
});
