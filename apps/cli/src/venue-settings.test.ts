import { describe, expect, it } from 'vitest';
import { UsageError } from './usage-error';
import { parseExchangeArgument } from './venue-settings';

describe('parseExchangeArgument', () => {
  it('takes a registered id or a venue alias, case-insensitively, as the id', () => {
    expect(parseExchangeArgument('binance')).toBe('binance');
    expect(parseExchangeArgument('Gate.IO')).toBe('gateio');
    expect(parseExchangeArgument('gate')).toBe('gateio');
  });

  it('refuses an unregistered venue with a usage error listing what this build has', () => {
    let error: unknown;
    try {
      parseExchangeArgument('kraken');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ message: 'unknown exchange "kraken"' });
    expect(String((error as UsageError).hint)).toBe(
      'exchanges in this build: binance, okx, bybit, gateio (aliases gate, gate.io), hyperliquid',
    );
  });
});
