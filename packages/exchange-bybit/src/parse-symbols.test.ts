import { describe, expect, it } from 'vitest';
import { fixture, response } from './__fixtures__/load-fixture';
import { parseSymbols } from './parse-symbols';
import { symbolsRequest } from './symbols-request';

describe('instruments', () => {
  it('requests linear/inverse pages of 1000 with the cursor, spot without paging', () => {
    expect(symbolsRequest('usdm', 'https://api.bybit.com').url).toBe(
      'https://api.bybit.com/v5/market/instruments-info?category=linear&limit=1000',
    );
    expect(symbolsRequest('coinm', 'https://api.bybit.com', 'first%3DBIOUSDT%26last%3DBIOUSDT').url).toBe(
      'https://api.bybit.com/v5/market/instruments-info?category=inverse&limit=1000&cursor=first%253DBIOUSDT%2526last%253DBIOUSDT',
    );
    expect(symbolsRequest('spot', 'https://api.bybit.com', 'ignored').url).toBe(
      'https://api.bybit.com/v5/market/instruments-info?category=spot',
    );
  });

  it('parses the documented linear page', () => {
    expect(parseSymbols('usdm', response(fixture('instruments-linear.json')))).toEqual({
      symbols: [
        {
          symbol: 'BTCUSDT',
          unified: 'BTC/USDT:USDT',
          base: 'BTC',
          quote: 'USDT',
          settle: 'USDT',
          market: 'usdm',
          status: 'Trading',
          active: true,
        },
      ],
    });
  });

  it('returns the next page cursor and marks PreLaunch inactive', () => {
    const page = parseSymbols('usdm', response(fixture('instruments-linear-prelaunch.json')));
    expect(page.next).toBe('first%3DBIOUSDT%26last%3DBIOUSDT');
    expect(page.symbols[0]).toMatchObject({ symbol: 'BIOUSDT', status: 'PreLaunch', active: false });
  });

  it('parses the documented spot list', () => {
    expect(parseSymbols('spot', response(fixture('instruments-spot.json'))).symbols).toEqual([
      {
        symbol: 'BTCUSDT',
        unified: 'BTC/USDT',
        base: 'BTC',
        quote: 'USDT',
        settle: undefined,
        market: 'spot',
        status: 'Trading',
        active: true,
      },
    ]);
  });

  it('names USDC perpetuals, inverse and futures from their coins whatever the native spelling', () => {
    const body = {
      retCode: 0,
      retMsg: 'OK',
      result: {
        category: 'linear',
        nextPageCursor: '',
        list: [
          {
            symbol: 'BTCPERP',
            contractType: 'LinearPerpetual',
            status: 'Trading',
            baseCoin: 'BTC',
            quoteCoin: 'USDC',
            settleCoin: 'USDC',
            deliveryTime: '0',
          },
          {
            symbol: 'ETHUSDC',
            contractType: 'LinearPerpetual',
            status: 'Trading',
            baseCoin: 'ETH',
            quoteCoin: 'USDC',
            settleCoin: 'USDC',
            deliveryTime: '0',
          },
          {
            symbol: 'BTCUSDT-21FEB25',
            contractType: 'LinearFutures',
            status: 'Trading',
            baseCoin: 'BTC',
            quoteCoin: 'USDT',
            settleCoin: 'USDT',
            deliveryTime: String(Date.UTC(2025, 1, 21, 8)),
          },
        ],
      },
      time: 1,
    };
    expect(
      parseSymbols('usdm', response(JSON.stringify(body))).symbols.map((info) => [info.symbol, info.unified]),
    ).toEqual([
      ['BTCPERP', 'BTC/USDC:USDC'],
      ['ETHUSDC', 'ETH/USDC:USDC'],
      ['BTCUSDT-21FEB25', 'BTC/USDT:USDT-250221'],
    ]);
    const inverse = {
      retCode: 0,
      result: {
        list: [
          {
            symbol: 'BTCUSD',
            contractType: 'InversePerpetual',
            status: 'Trading',
            baseCoin: 'BTC',
            quoteCoin: 'USD',
            settleCoin: 'BTC',
          },
        ],
      },
    };
    expect(parseSymbols('coinm', response(JSON.stringify(inverse))).symbols[0]).toMatchObject({
      unified: 'BTC/USD:BTC',
      settle: 'BTC',
    });
  });

  it('throws for an error envelope', () => {
    expect(() => parseSymbols('spot', response('{"retCode":10001,"retMsg":"params error"}'))).toThrow(
      /params error/,
    );
  });
});
