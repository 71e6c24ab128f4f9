import { describe, expect, it } from 'vitest';
import { normalizeSymbol } from './normalize-symbol';

describe('normalizeSymbol', () => {
  it.each([
    ['spot', 'BTC_USDT', 'BTC_USDT'],
    ['spot', 'btc_usdt', 'BTC_USDT'],
    ['spot', 'BTC/USDT', 'BTC_USDT'],
    ['spot', ' btc-usdt ', 'BTC_USDT'],
    ['usdm', 'BTC/USDT:USDT', 'BTC_USDT'],
    ['usdm', 'BTC/USDT', 'BTC_USDT'],
    ['usdm', 'btc_usdt', 'BTC_USDT'],
    ['coinm', 'BTC/USD:BTC', 'BTC_USD'],
    ['coinm', 'BTC_USD', 'BTC_USD'],
    ['usdm', '币安人生_USDT', '币安人生_USDT'],
  ] as const)('%s %s → %s', (market, input, expected) => {
    expect(normalizeSymbol(market, input)).toBe(expected);
  });

  it.each([
    ['spot', 'BTCUSDT', /"BTCUSDT".*BASE_QUOTE/],
    ['spot', 'BTC/USDT:USDT', /"BTC\/USDT:USDT".*no settle/],
    ['usdm', 'BTC/USD:BTC', /"BTC\/USD:BTC".*settles in BTC.*USDT/],
    ['coinm', 'BTC/USDT:USDT', /settle in BTC/],
    ['usdm', 'BTC_USDT_20200814', /"BTC_USDT_20200814"/],
    ['spot', '', /""/],
  ] as const)('%s %s is refused naming the input', (market, input, message) => {
    expect(() => normalizeSymbol(market, input)).toThrow(message);
  });
});
