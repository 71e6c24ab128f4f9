import type { HttpResponse } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load-fixture';
import { hyperliquidSymbolsRequest, parseHyperliquidSymbols, perpUnifiedSymbol } from './instruments';

function response(body: string, status = 200): HttpResponse {
  return { url: 'https://api.hyperliquid.xyz/info', status, headers: {}, body };
}

describe('instruments', () => {
  it('asks meta for perps and spotMeta for spot', () => {
    expect(hyperliquidSymbolsRequest('usdm', 'http://127.0.0.1:1')).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:1/info',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"meta"}',
      weight: 20,
    });
    expect(hyperliquidSymbolsRequest('spot', 'http://127.0.0.1:1').body).toBe('{"type":"spotMeta"}');
    expect(() => hyperliquidSymbolsRequest('coinm', 'http://127.0.0.1:1')).toThrow(/coin-margined/);
  });

  it('lists perps from meta with delisted ones inactive', () => {
    const { symbols } = parseHyperliquidSymbols('usdm', response(fixtureText('meta.json')));
    expect(symbols.map((info) => [info.symbol, info.unified, info.active])).toEqual([
      ['BTC', 'BTC/USDC:USDC', true],
      ['ETH', 'ETH/USDC:USDC', true],
      ['HPOS', 'HPOS/USDC:USDC', true],
      ['LOOM', 'LOOM/USDC:USDC', false],
    ]);
    expect(symbols[3]).toMatchObject({
      status: 'delisted',
      base: 'LOOM',
      quote: 'USDC',
      settle: 'USDC',
      market: 'usdm',
    });
  });

  it('maps spot pairs to their coin and a unified name from token names', () => {
    const { symbols } = parseHyperliquidSymbols('spot', response(fixtureText('spot-meta.json')));
    expect(symbols.map((info) => [info.symbol, info.unified, info.base, info.quote])).toEqual([
      ['PURR/USDC', 'PURR/USDC', 'PURR', 'USDC'],
      ['@1', 'HFUN/USDC', 'HFUN', 'USDC'],
    ]);
  });

  it('follows ccxt for k and HIP-3 perps', () => {
    expect(perpUnifiedSymbol('kPEPE')).toBe('KPEPE/USDC:USDC');
    expect(perpUnifiedSymbol('xyz:XYZ100')).toBe('XYZ-XYZ100/USDC:USDC');
  });

  it('throws on errors and malformed bodies', () => {
    expect(() => parseHyperliquidSymbols('usdm', response('null', 429))).toThrow(/rate limit/);
    expect(() => parseHyperliquidSymbols('usdm', response('{"x":1}'))).toThrow(/without "universe"/);
    expect(() =>
      parseHyperliquidSymbols('spot', response('{"tokens":[],"universe":[{"name":"@3","tokens":[9,0]}]}')),
    ).toThrow(/@3 names unknown tokens \[9,0\]/);
  });
});
