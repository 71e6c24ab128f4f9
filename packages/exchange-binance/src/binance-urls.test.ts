import { describe, expect, it } from 'vitest';
import { binanceConnectUrl, exchangeInfoUrl, klinesUrl } from './binance-urls';
import { BINANCE_MARKET_SPECS } from './market-specs';

describe('binanceConnectUrl', () => {
  it('opens a combined-stream connection on the prod bases', () => {
    expect(binanceConnectUrl('spot', BINANCE_MARKET_SPECS.spot.endpoints.prod.ws)).toBe(
      'wss://stream.binance.com:9443/stream?streams=',
    );
    expect(binanceConnectUrl('coinm', BINANCE_MARKET_SPECS.coinm.endpoints.prod.ws)).toBe(
      'wss://dstream.binance.com/stream?streams=',
    );
  });

  it('uses the routed /market path on USDⓈ-M (the un-routed path stays silent for klines)', () => {
    expect(binanceConnectUrl('usdm', 'wss://fstream.binance.com')).toBe(
      'wss://fstream.binance.com/market/stream?streams=',
    );
  });

  it('appends paths to an override base and never hard-codes a host', () => {
    expect(binanceConnectUrl('usdm', 'ws://127.0.0.1:9000')).toBe(
      'ws://127.0.0.1:9000/market/stream?streams=',
    );
    expect(binanceConnectUrl('spot', 'ws://127.0.0.1:9000/')).toBe('ws://127.0.0.1:9000/stream?streams=');
  });
});

describe('REST URLs', () => {
  it('builds klines and exchangeInfo paths per market', () => {
    expect(klinesUrl('spot', 'https://api.binance.com')).toBe('https://api.binance.com/api/v3/klines');
    expect(klinesUrl('usdm', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/fapi/v1/klines');
    expect(klinesUrl('coinm', 'https://dapi.binance.com/')).toBe('https://dapi.binance.com/dapi/v1/klines');
    expect(exchangeInfoUrl('spot', 'https://testnet.binance.vision')).toBe(
      'https://testnet.binance.vision/api/v3/exchangeInfo',
    );
    expect(exchangeInfoUrl('usdm', 'https://fapi.binance.com')).toBe(
      'https://fapi.binance.com/fapi/v1/exchangeInfo',
    );
    expect(exchangeInfoUrl('coinm', 'https://dapi.binance.com')).toBe(
      'https://dapi.binance.com/dapi/v1/exchangeInfo',
    );
  });
});
