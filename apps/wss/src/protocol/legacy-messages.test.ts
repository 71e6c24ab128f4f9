import type { Candle } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import { legacyQuoteMessage, legacySubscribedMessage } from './legacy-messages';

describe('legacy messages', () => {
  it('keeps the older connector field names, with ISO 8601 UTC times', () => {
    const candle: Candle = {
      exchange: 'binance',
      market: 'usdm',
      symbol: 'BTCUSDT',
      interval: '1m',
      openTime: Date.UTC(2026, 0, 1, 0, 1),
      closeTime: Date.UTC(2026, 0, 1, 0, 2) - 1,
      open: 1,
      high: 3,
      low: 0.5,
      close: 2,
      volume: 12.5,
      trades: 42,
      closed: true,
    };
    expect(
      JSON.parse(legacyQuoteMessage(candle, 'binance', 'um', 'BTCUSDT', Date.UTC(2026, 0, 1, 0, 2, 0, 5))),
    ).toEqual({
      type: 'quote',
      current_time: '2026-01-01T00:02:00.005Z',
      timestamp: '2026-01-01T00:01:00.000Z',
      exchange: 'binance',
      symbol: 'BTCUSDT',
      contract_type: 'um',
      open: 1,
      high: 3,
      low: 0.5,
      close: 2,
      volume: 12.5,
      trade_num: 42,
      is_closed_candle: true,
    });
    expect(JSON.parse(legacySubscribedMessage('binance', 'spot', ['BTCUSDT'], 0))).toEqual({
      type: 'subscribed',
      exchange: 'binance',
      contract_type: 'spot',
      symbols: ['BTCUSDT'],
      limit: 0,
    });
  });
});
