import { describe, expect, it } from 'vitest';
import { legacyContract, okxMarketOf } from './legacy-contract-types';

describe('legacyContract', () => {
  it.each([
    ['binance', 'spot', 'spot', 'spot'],
    ['binance', 'UM', 'usdm', 'usdm'],
    ['binance', 'usd-m', 'usdm', 'usdm'],
    ['binance', 'cm', 'coinm', 'coinm'],
    ['bybit', undefined, 'spot', 'spot'],
    ['bybit', 'usd-m', 'usdm', 'linear'],
    ['bybit', 'perp', 'usdm', 'linear'],
    ['bybit', 'coin-m', 'coinm', 'inverse'],
    ['gateio', undefined, 'spot', 'spot'],
    ['gateio', 'usd-m', 'usdm', 'um'],
    ['gateio', 'coin-m', 'coinm', 'cm'],
    ['hyperliquid', undefined, 'usdm', 'usdm'],
    ['hyperliquid', 'swap', 'usdm', 'usdm'],
    ['hyperliquid', 'coinm', 'usdm', 'coinm'],
    ['hyperliquid', 'spot', 'spot', 'spot'],
    ['okx', 'spot', 'spot', 'spot'],
    ['okx', 'SWAP_COINM', 'coinm', 'swap_coinm'],
  ])('%s %s → market %s, label %s', (exchange, contractType, market, label) => {
    expect(legacyContract(exchange, contractType)).toEqual({ ok: true, contract: { market, label } });
  });

  it('lets the OKX market follow from the symbol for swap, futures or no contract_type', () => {
    expect(legacyContract('okx', 'swap')).toEqual({
      ok: true,
      contract: { market: undefined, label: 'swap' },
    });
    expect(legacyContract('okx', undefined)).toEqual({
      ok: true,
      contract: { market: undefined, label: '' },
    });
    expect(
      ['BTC-USDT', 'BTC-USDT-SWAP', 'BTC-USDC-SWAP', 'BTC-USD-SWAP', 'btc-usd-swap'].map(okxMarketOf),
    ).toEqual(['spot', 'usdm', 'usdm', 'coinm', 'coinm']);
  });

  it("rejects with that connector's texts", () => {
    expect(legacyContract('binance', undefined)).toEqual({
      ok: false,
      message: 'Binance connector requires --market (spot|um|cm)',
    });
    expect(legacyContract('binance', 'linear')).toEqual({
      ok: false,
      message: 'Unsupported Binance contract_type: linear',
    });
    expect(legacyContract('bybit', 'constructor')).toMatchObject({
      ok: false,
      message: /^Unsupported Bybit contract_type/,
    });
    expect(legacyContract('hyperliquid', 'linear')).toMatchObject({
      ok: false,
      message: /^Unsupported Hyperliquid/,
    });
    expect(legacyContract('gateio', 'swap')).toMatchObject({ ok: false, message: /^Unsupported Gate\.io/ });
    expect(legacyContract('kraken', 'spot')).toEqual({ ok: false, message: 'Unsupported exchange: kraken' });
  });
});
