import { describe, expect, it } from 'vitest';
import { historySummaryLine } from './history-summary';

const base = {
  stream: 'binance:spot:BTCUSDT:1m',
  from: Date.UTC(2026, 10, 1),
  to: Date.UTC(2026, 10, 4),
  expected: 4_320,
  elapsedMs: 3_240,
  out: 'btc.csv',
  store: false,
};

describe('historySummaryLine', () => {
  it('says what was written, the range, the time and the REST calls', () => {
    expect(historySummaryLine({ ...base, written: 4_320, restCalls: 5 })).toBe(
      'wrote 4,320 candles of binance:spot:BTCUSDT:1m, 2026-11-01 00:00Z → 2026-11-04 00:00Z to btc.csv in 3.2 s with 5 REST calls',
    );
  });

  it('says how many candles the venue did not have, and when the store served the rest', () => {
    const line = historySummaryLine({ ...base, written: 4_300, restCalls: 1, store: true, out: undefined });
    expect(line).toContain('with 1 REST call (the rest from the store); 20 fewer than the range spans');
    expect(line).not.toContain(' to ');
  });
});
