import { describe, expect, it } from 'vitest';
import { readFixture } from './__fixtures__/read-fixture';
import { okxSymbolsRequest, parseOkxSymbols } from './symbols';

function page(instType: string, fixture: string) {
  return {
    url: `https://www.okx.com/api/v5/public/instruments?instType=${instType}`,
    status: 200,
    headers: {},
    body: readFixture(fixture),
  };
}

describe('okx instruments', () => {
  it('pages SWAP then FUTURES for derivative markets, SPOT once for spot', () => {
    expect(okxSymbolsRequest('usdm', 'https://www.okx.com').url).toBe(
      'https://www.okx.com/api/v5/public/instruments?instType=SWAP',
    );
    expect(okxSymbolsRequest('coinm', 'https://www.okx.com', 'FUTURES').url).toContain('instType=FUTURES');
    expect(okxSymbolsRequest('spot', 'https://www.okx.com').url).toContain('instType=SPOT');
    expect(() => okxSymbolsRequest('usdm', 'https://www.okx.com', 'OPTION')).toThrowError(/OPTION/);
  });

  it('reads spot rows, skipping pre-open rows without instId', () => {
    const { symbols, next } = parseOkxSymbols('spot', page('SPOT', 'instruments-spot.json'));
    expect(next).toBeUndefined();
    expect(symbols).toEqual([
      {
        symbol: 'BTC-USDT',
        unified: 'BTC/USDT',
        base: 'BTC',
        quote: 'USDT',
        market: 'spot',
        status: 'live',
        active: true,
      },
      {
        symbol: 'ETH-USDC',
        unified: 'ETH/USDC',
        base: 'ETH',
        quote: 'USDC',
        market: 'spot',
        status: 'suspend',
        active: false,
      },
    ]);
  });

  it('splits linear (usdm) and inverse (coinm) contracts, with ctVal as contractSize', () => {
    const usdm = parseOkxSymbols('usdm', page('SWAP', 'instruments-swap.json'));
    expect(usdm.next).toBe('FUTURES');
    expect(
      usdm.symbols.map((symbol) => [symbol.symbol, symbol.unified, symbol.contractSize, symbol.active]),
    ).toEqual([
      ['BTC-USDT-SWAP', 'BTC/USDT:USDT', 0.01, true],
      ['BTC-USDC-SWAP', 'BTC/USDC:USDC', 0.0001, false],
    ]);
    const coinm = parseOkxSymbols('coinm', page('SWAP', 'instruments-swap.json'));
    expect(coinm.symbols).toEqual([
      {
        symbol: 'BTC-USD-SWAP',
        unified: 'BTC/USD:BTC',
        base: 'BTC',
        quote: 'USD',
        settle: 'BTC',
        market: 'coinm',
        status: 'live',
        active: true,
        contractSize: 100,
      },
    ]);
    const futures = parseOkxSymbols('usdm', page('FUTURES', 'instruments-futures.json'));
    expect(futures.next).toBeUndefined();
    expect(futures.symbols.map((symbol) => symbol.unified)).toEqual(['BTC/USDT:USDT-250328']);
    expect(
      parseOkxSymbols('coinm', page('FUTURES', 'instruments-futures.json')).symbols.map(
        (symbol) => symbol.unified,
      ),
    ).toEqual(['BTC/USD:BTC-250328']);
  });

  it('throws the venue error for an error envelope', () => {
    const limited = { ...page('SWAP', 'error-rate-limit.json'), status: 429 };
    expect(() => parseOkxSymbols('usdm', limited)).toThrowError(/Rate limit reached/);
  });
});
