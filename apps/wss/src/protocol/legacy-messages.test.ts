import type { Candle } from '@ohlcv/core';
import { describe, expect, it } from 'vitest';
import {
  legacyErrorMessage,
  legacyQuoteMessage,
  legacySubscribedMessage,
  parseLegacySubscribe,
  pythonUtcTime,
} from './legacy-messages';

describe('legacy messages', () => {
  it("keeps the older connector's field names and Python's time formats", () => {
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
      JSON.parse(legacyQuoteMessage(candle, 'binance', 'usdm', 'BTCUSDT', Date.UTC(2026, 0, 1, 0, 2, 0, 5))),
    ).toEqual({
      type: 'quote',
      current_time: '2026-01-01 00:02:00.005000+00:00',
      timestamp: '2026-01-01T00:01:00+00:00',
      exchange: 'binance',
      symbol: 'BTCUSDT',
      contract_type: 'usdm',
      open: 1,
      high: 3,
      low: 0.5,
      close: 2,
      volume: 12.5,
      trade_num: 42,
      is_closed_candle: true,
    });
    expect(pythonUtcTime(Date.UTC(2026, 11, 1, 8, 23, 46, 177))).toBe('2026-12-01T08:23:46.177000+00:00');
  });

  it('echoes the subscribe as sent and carries the error fields its clients read', () => {
    const parsed = parseLegacySubscribe({
      exchange: 'binance',
      contract_type: 'UM',
      symbols: ['btcusdt'],
      limit: 2,
    });
    if ('error' in parsed) throw new Error(parsed.error);
    expect(JSON.parse(legacySubscribedMessage('binance', parsed.raw))).toEqual({
      type: 'subscribed',
      exchange: 'binance',
      contract_type: 'UM',
      symbols: ['btcusdt'],
      limit: 2,
    });
    expect(
      JSON.parse(
        legacyErrorMessage('boom', {
          exchange: 'gateio',
          contractType: 'cm',
          symbols: ['A'],
          exchangeMessage: 'x',
          code: 'c',
        }),
      ),
    ).toEqual({
      type: 'error',
      message: 'boom',
      system_message: 'boom',
      exchange: 'gateio',
      contract_type: 'cm',
      symbols: ['A'],
      exchange_message: 'x',
      code: 'c',
    });
    expect(JSON.parse(legacyErrorMessage('x', { exchangeMessage: '' }))).toEqual({
      type: 'error',
      message: 'x',
      system_message: 'x',
    });
  });

  it.each([
    [{ symbols: ['A'] }, "Field 'exchange' is required and must be a non-empty string"],
    [{ exchange: '', symbols: ['A'] }, "Field 'exchange' is required and must be a non-empty string"],
    [{ exchange: 'okx' }, "Field 'symbols' is required and must be a non-empty list"],
    [{ exchange: 'okx', symbols: [] }, "Field 'symbols' is required and must be a non-empty list"],
    [{ exchange: 'okx', symbols: ['A', 3] }, 'Each symbol must be a non-empty string'],
    [{ exchange: 'okx', symbols: ['A', ''] }, 'Each symbol must be a non-empty string'],
    [
      { exchange: 'okx', symbols: ['A'], contract_type: '' },
      "Field 'contract_type' must be a non-empty string when provided",
    ],
    [
      { exchange: 'okx', symbols: ['A'], contract_type: 5 },
      "Field 'contract_type' must be a non-empty string when provided",
    ],
    [{ exchange: 'okx', symbols: ['A'], limit: -1 }, "Field 'limit' must be a non-negative integer"],
    [{ exchange: 'okx', symbols: ['A'], limit: 1.5 }, "Field 'limit' must be a non-negative integer"],
    [{ exchange: 'okx', symbols: ['A'], limit: '2' }, "Field 'limit' must be a non-negative integer"],
  ])('rejects %j with the text that connector meant to send', (message, text) => {
    expect(parseLegacySubscribe(message)).toEqual({ error: text });
  });

  it('takes contract_type null as absent and limit true as 1, as that connector did', () => {
    expect(
      parseLegacySubscribe({ exchange: 'okx', symbols: ['A'], contract_type: null, limit: true }),
    ).toMatchObject({
      contractType: undefined,
      limit: 1,
      raw: { contract_type: null, limit: true },
    });
  });
});
