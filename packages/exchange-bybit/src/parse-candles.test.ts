import { VenueHttpError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { fixture, response } from './__fixtures__/load-fixture';
import { parseCandles } from './parse-candles';

const query = {
  symbol: 'BTCUSD',
  interval: '1h',
  startTime: 1670601600000,
  endTime: 1670608800000,
  limit: 1000,
} as const;

describe('parseCandles', () => {
  it('returns the documented inverse rows ascending, with volume = turnover (base) and quoteVolume = volume (USD)', () => {
    const candles = parseCandles('coinm', query, response(fixture('kline-inverse.json')));
    expect(candles.map((candle) => candle.openTime)).toEqual([1670601600000, 1670605200000, 1670608800000]);
    expect(candles[0]).toEqual({
      exchange: 'bybit',
      market: 'coinm',
      symbol: 'BTCUSD',
      interval: '1h',
      openTime: 1670601600000,
      closeTime: 1670605199999,
      open: 17086.5,
      high: 17088,
      low: 16978,
      close: 17071.5,
      volume: 0.37288112,
      quoteVolume: 6356,
      closed: true,
    });
  });

  it('judges the newest row by the venue clock (envelope time), never the local one', () => {
    const body = JSON.parse(fixture('kline-inverse.json')) as { time: number };
    body.time = 1670609000000; // inside the newest candle
    const candles = parseCandles('coinm', query, response(JSON.stringify(body)));
    expect(candles.map((candle) => candle.closed)).toEqual([true, true, false]);
  });

  it('falls back to the date header when the envelope has no time', () => {
    const body = JSON.parse(fixture('kline-inverse.json')) as { time?: number };
    delete body.time;
    const open = parseCandles(
      'coinm',
      query,
      response(JSON.stringify(body), 200, { date: 'Fri, 09 Dec 2022 18:05:00 GMT' }),
    );
    expect(open.at(-1)?.closed).toBe(false);
    const none = parseCandles('coinm', query, response(JSON.stringify(body)));
    expect(none.at(-1)?.closed).toBe(false);
    const later = parseCandles(
      'coinm',
      query,
      response(JSON.stringify(body), 200, { date: 'Fri, 09 Dec 2022 19:00:00 GMT' }),
    );
    expect(later.at(-1)?.closed).toBe(true);
  });

  it('keeps linear volume as is and drops rows outside the window', () => {
    const linear = { ...query, symbol: 'BTCUSDT', startTime: 1670605200000 };
    const candles = parseCandles('usdm', linear, response(fixture('kline-inverse.json')));
    expect(candles.map((candle) => [candle.openTime, candle.volume, candle.quoteVolume])).toEqual([
      [1670605200000, 4177, 0.24469757],
      [1670608800000, 268611, 15.74462667],
    ]);
  });

  it('throws a non-retryable error naming the symbol for "Not supported symbols"', () => {
    const call = () =>
      parseCandles('usdm', { ...query, symbol: 'NOPEUSDT' }, response(fixture('kline-error-symbol.json')));
    expect(call).toThrow(VenueHttpError);
    expect(call).toThrow(/NOPEUSDT.*Not supported symbols/);
    try {
      call();
    } catch (error) {
      expect((error as VenueHttpError).retryable).toBe(false);
      expect((error as VenueHttpError).venueCode).toBe('10001');
    }
  });

  it('throws a non-retryable error naming the interval for "Invalid period!"', () => {
    const call = () => parseCandles('spot', query, response(fixture('kline-error-period.json')));
    expect(call).toThrow(/interval "1h" \(bybit "60"\).*Invalid period!/);
  });

  it('makes 10006 "Too many visits!" retryable with the reset header as the wait', () => {
    const body =
      '{"retCode":10006,"retMsg":"Too many visits!","result":{},"retExtInfo":{},"time":1672025956592}';
    try {
      parseCandles('spot', query, response(body, 200, { 'x-bapi-limit-reset-timestamp': '1672025958592' }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(VenueHttpError);
      expect((error as VenueHttpError).retryable).toBe(true);
      expect((error as VenueHttpError).retryAfterMs).toBe(2_000);
    }
  });

  it('throws on malformed bodies', () => {
    expect(() => parseCandles('spot', query, response('<html>'))).toThrow(/malformed/);
    expect(() =>
      parseCandles('spot', query, response('{"retCode":0,"result":{"list":[["1","x"]]}}')),
    ).toThrow(/7-field/);
  });
});
