import { type HttpResponse, OhlcvError, VenueHttpError } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { readFixture } from './__fixtures__/read-fixture';
import { binanceSymbolsRequest, parseBinanceSymbols } from './parse-exchange-info';

function response(body: string, status = 200): HttpResponse {
  return { url: 'https://api.binance.com/api/v3/exchangeInfo', status, headers: {}, body };
}

describe('binanceSymbolsRequest', () => {
  it('asks exchangeInfo with the documented weights', () => {
    expect(binanceSymbolsRequest('spot', 'https://api.binance.com')).toEqual({
      method: 'GET',
      url: 'https://api.binance.com/api/v3/exchangeInfo',
      weight: 20,
    });
    expect(binanceSymbolsRequest('usdm', 'http://127.0.0.1:1234')).toEqual({
      method: 'GET',
      url: 'http://127.0.0.1:1234/fapi/v1/exchangeInfo',
      weight: 1,
    });
    expect(binanceSymbolsRequest('coinm', 'https://dapi.binance.com').url).toBe(
      'https://dapi.binance.com/dapi/v1/exchangeInfo',
    );
  });
});

describe('parseBinanceSymbols', () => {
  it('reads spot symbols and their status', () => {
    expect(parseBinanceSymbols('spot', response(readFixture('spot-exchange-info.json')))).toEqual({
      symbols: [
        {
          symbol: 'ETHBTC',
          unified: 'ETH/BTC',
          base: 'ETH',
          quote: 'BTC',
          market: 'spot',
          status: 'TRADING',
          active: true,
        },
        {
          symbol: 'BNBBTC',
          unified: 'BNB/BTC',
          base: 'BNB',
          quote: 'BTC',
          market: 'spot',
          status: 'BREAK',
          active: false,
        },
      ],
    });
  });

  it('reads USDⓈ-M perpetuals, quarterlies and settling symbols', () => {
    const { symbols } = parseBinanceSymbols('usdm', response(readFixture('usdm-exchange-info.json')));
    expect(symbols.map((info) => [info.symbol, info.unified, info.settle, info.status, info.active])).toEqual(
      [
        ['BLZUSDT', 'BLZ/USDT:USDT', 'USDT', 'TRADING', true],
        ['BTCUSDT_261225', 'BTC/USDT:USDT-261225', 'USDT', 'TRADING', true],
        ['SRMUSDT', 'SRM/USDT:USDT', 'USDT', 'SETTLING', false],
      ],
    );
    expect(symbols.every((info) => info.contractSize === undefined)).toBe(true);
  });

  it('reads COIN-M contractStatus and contractSize', () => {
    const { symbols } = parseBinanceSymbols('coinm', response(readFixture('coinm-exchange-info.json')));
    expect(symbols).toEqual([
      {
        symbol: 'BTCUSD_PERP',
        unified: 'BTC/USD:BTC',
        base: 'BTC',
        quote: 'USD',
        settle: 'BTC',
        market: 'coinm',
        status: 'TRADING',
        active: true,
        contractSize: 100,
      },
      {
        symbol: 'BTCUSD_200925',
        unified: 'BTC/USD:BTC-200925',
        base: 'BTC',
        quote: 'USD',
        settle: 'BTC',
        market: 'coinm',
        status: 'DELIVERED',
        active: false,
        contractSize: 100,
      },
    ]);
  });

  it('skips malformed entries and refuses a body without symbols', () => {
    const body = JSON.stringify({
      symbols: [null, { symbol: 'X' }, { symbol: 'AB', baseAsset: 'A', quoteAsset: 'B', status: 'TRADING' }],
    });
    expect(parseBinanceSymbols('spot', response(body)).symbols.map((info) => info.symbol)).toEqual(['AB']);
    expect(() => parseBinanceSymbols('spot', response('{}'))).toThrow(OhlcvError);
    expect(() =>
      parseBinanceSymbols('spot', response(readFixture('error-invalid-symbol.json'), 400)),
    ).toThrow(VenueHttpError);
  });
});
