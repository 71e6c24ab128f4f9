import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load-fixture';
import { parseSymbols, symbolsRequest } from './symbols';

const ok = (body: string) => ({ url: 'https://api.gateio.ws/x', status: 200, headers: {}, body });

describe('symbols', () => {
  it('requests the whole list without limit', () => {
    expect(symbolsRequest('spot', 'https://api.gateio.ws').url).toBe(
      'https://api.gateio.ws/api/v4/spot/currency_pairs',
    );
    expect(symbolsRequest('usdm', 'https://api.gateio.ws').url).toBe(
      'https://api.gateio.ws/api/v4/futures/usdt/contracts',
    );
    expect(symbolsRequest('coinm', 'https://api.gateio.ws').url).toBe(
      'https://api.gateio.ws/api/v4/futures/btc/contracts',
    );
  });

  it('spot currency_pairs: id, base/quote, tradable', () => {
    expect(parseSymbols('spot', ok(fixtureText('spot-currency-pairs.json')))).toEqual({
      symbols: [
        {
          symbol: 'ETH_USDT',
          unified: 'ETH/USDT',
          base: 'ETH',
          quote: 'USDT',
          market: 'spot',
          status: 'tradable',
          active: true,
        },
      ],
    });
  });

  it('usdt contracts: quanto_multiplier is the contract size; delisting is inactive', () => {
    const { symbols } = parseSymbols('usdm', ok(fixtureText('futures-contracts.json')));
    expect(symbols[0]).toEqual({
      symbol: 'BTC_USDT',
      unified: 'BTC/USDT:USDT',
      base: 'BTC',
      quote: 'USDT',
      settle: 'USDT',
      market: 'usdm',
      status: 'trading',
      active: true,
      contractSize: 0.0001,
    });
    expect(symbols[1]).toMatchObject({
      symbol: '币安人生_USDT',
      base: '币安人生',
      active: false,
      contractSize: 10,
    });
  });

  it('btc contracts: inverse BTC_USD with quanto_multiplier "0" has no contract size', () => {
    const { symbols } = parseSymbols('coinm', ok(fixtureText('futures-btc-contracts.json')));
    expect(symbols).toEqual([
      {
        symbol: 'BTC_USD',
        unified: 'BTC/USD:BTC',
        base: 'BTC',
        quote: 'USD',
        settle: 'BTC',
        market: 'coinm',
        status: 'trading',
        active: true,
      },
    ]);
  });

  it('throws on malformed bodies and error statuses', () => {
    expect(() => parseSymbols('spot', ok('{"a":1}'))).toThrow(/not an array/);
    expect(() => parseSymbols('spot', ok('[{"id":1}]'))).toThrow(/malformed instrument/);
    expect(() =>
      parseSymbols('usdm', { url: 'https://x', status: 500, headers: {}, body: '{"label":"SERVER_ERROR"}' }),
    ).toThrow(/SERVER_ERROR/);
  });
});
