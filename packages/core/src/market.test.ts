import { describe, expect, it } from 'vitest';
import { parseExchangeId, parseMarketType } from './market';

describe('parseMarketType', () => {
  it('maps aliases to canonical markets, case-insensitively', () => {
    expect(parseMarketType('UM')).toBe('usdm');
    expect(parseMarketType(' inverse ')).toBe('coinm');
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'refuses the object-prototype name "%s" as unknown_market',
    (name) => {
      expect(() => parseMarketType(name)).toThrow(expect.objectContaining({ code: 'unknown_market' }));
      expect(() => parseExchangeId(name)).toThrow(expect.objectContaining({ code: 'unknown_exchange' }));
    },
  );
});
