import { describe, expect, it } from 'vitest';
import { canarySettings } from './canary-settings';

describe('canarySettings', () => {
  it('reads the log format from --log-format or OHLCV_LOG_FORMAT and names a bad one', () => {
    expect(
      canarySettings({ watch: ['a:spot:B:1m'], logFormat: 'json' }, { OHLCV_LOG_FORMAT: 'pretty' }).logFormat,
    ).toBe('json');
    expect(canarySettings({ watch: ['a:spot:B:1m'] }, { OHLCV_LOG_FORMAT: 'pretty' }).logFormat).toBe(
      'pretty',
    );
    expect(() => canarySettings({ watch: ['a:spot:B:1m'] }, { OHLCV_LOG_FORMAT: 'xml' })).toThrow(
      /OHLCV_LOG_FORMAT.*xml/,
    );
  });

  it('takes flags over env over defaults', () => {
    expect(canarySettings({ watch: ['binance:spot:BTCUSDT:1m'] }, {})).toEqual({
      watch: ['binance:spot:BTCUSDT:1m'],
      host: '127.0.0.1',
      port: 8766,
      logLevel: 'info',
      logFormat: 'auto',
      maxSilenceMs: undefined,
      stallTimeoutMs: undefined,
    });
    const settings = canarySettings(
      { port: '0' },
      { OHLCV_HEALTH_WATCH: 'a:spot:B:1m, c:spot:D:1m', OHLCV_HEALTH_PORT: '9000', OHLCV_LOG_LEVEL: 'warn' },
    );
    expect(settings).toMatchObject({ watch: ['a:spot:B:1m', 'c:spot:D:1m'], port: 0, logLevel: 'warn' });
  });

  it('names the setting of a bad value', () => {
    expect(() => canarySettings({}, {})).toThrow(/nothing to watch/);
    expect(() => canarySettings({ watch: ['x'], port: 'abc' }, {})).toThrow(/invalid --port: "abc"/);
    expect(() => canarySettings({ watch: ['x'] }, { OHLCV_HEALTH_PORT: '70000' })).toThrow(
      /OHLCV_HEALTH_PORT/,
    );
    expect(() => canarySettings({ watch: ['x'] }, { OHLCV_LOG_LEVEL: 'loud' })).toThrow(
      /invalid OHLCV_LOG_LEVEL: unknown log level "loud"/,
    );
  });
});
