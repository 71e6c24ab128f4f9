import { describe, expect, it } from 'vitest';
import {
  parseFormat,
  parseIntervalSetting,
  parseMarketSetting,
  parsePositiveInteger,
  setting,
} from './settings';
import { UsageError } from './usage-error';

describe('setting', () => {
  const env = { OHLCV_MARKET: 'linear', OHLCV_INTERVAL: '5x' };

  it('takes the flag over the environment over the default', () => {
    expect(
      setting(
        { name: '--market', value: 'cm' },
        { name: 'OHLCV_MARKET', source: env },
        parseMarketSetting,
        'spot',
      ),
    ).toBe('coinm');
    expect(
      setting(
        { name: '--market', value: undefined },
        { name: 'OHLCV_MARKET', source: env },
        parseMarketSetting,
        'spot',
      ),
    ).toBe('usdm');
    expect(
      setting(
        { name: '--market', value: undefined },
        { name: 'OHLCV_MARKET', source: {} },
        parseMarketSetting,
        'spot',
      ),
    ).toBe('spot');
  });

  it('names the variable that held a bad value', () => {
    expect(() =>
      setting(
        { name: '--interval', value: undefined },
        { name: 'OHLCV_INTERVAL', source: env },
        parseIntervalSetting,
        '1m',
      ),
    ).toThrowError(/invalid OHLCV_INTERVAL: unsupported interval "5x"/);
  });

  it('names the flag that held a bad value, as a usage error', () => {
    const run = () =>
      setting(
        { name: '--format', value: 'xml' },
        { name: 'OHLCV_FORMAT', source: {} },
        parseFormat,
        'pretty',
      );
    expect(run).toThrowError(UsageError);
    expect(run).toThrowError(/invalid --format: unknown format "xml"/);
  });

  it('accepts only positive integers for counts', () => {
    expect(parsePositiveInteger('5')).toBe(5);
    for (const bad of ['0', '-1', '1.5', 'ten', ''])
      expect(() => parsePositiveInteger(bad)).toThrowError(`"${bad}" is not a positive integer`);
  });
});
