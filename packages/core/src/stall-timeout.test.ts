import { describe, expect, it } from 'vitest';
import { stallTimeoutFor } from './stall-timeout';
import { toyMarketSpec } from './test-support/toy-adapter';

const MINUTE = 60_000;

describe('stallTimeoutFor', () => {
  it('keeps the venue timeout at every interval where quiet candles are pushed periodically', () => {
    const { candles } = toyMarketSpec({ candles: { stallTimeoutMs: 30_000 } });
    expect(stallTimeoutFor(30_000, '1m', candles, 5_000)).toBe(30_000);
    expect(stallTimeoutFor(30_000, '1d', candles, 5_000)).toBe(30_000);
  });

  it('waits at least one interval plus the grace where quiet candles push nothing', () => {
    const { candles } = toyMarketSpec({ candles: { stallTimeoutMs: 90_000, quietPushes: 'on-change' } });
    expect(stallTimeoutFor(90_000, '1m', candles, 5_000)).toBe(90_000);
    expect(stallTimeoutFor(90_000, '5m', candles, 5_000)).toBe(5 * MINUTE + 5_000);
    expect(stallTimeoutFor(90_000, '1d', candles, 5_000)).toBe(24 * 60 * MINUTE + 5_000);
  });
});
