import { describe, expect, it } from 'vitest';
import { boolean, integer, oneOf, secondsAsMs, text } from './parsers';
import { describeSetting, resolveSetting, resolveSettings } from './resolve-settings';

const specs = {
  host: { flag: '--host', env: ['NEW_HOST', 'OLD_HOST'], fallback: '127.0.0.1', parse: text },
  port: { flag: '--port', env: ['NEW_PORT'], fallback: 8765, parse: integer(0, 65_535) },
  quiet: { flag: '--quiet', env: ['NEW_QUIET'], fallback: false, parse: boolean },
};

describe('resolveSettings', () => {
  it('takes the flag over the environment over the default, the first variable set winning', () => {
    expect(resolveSettings(specs, {}, {})).toEqual({ host: '127.0.0.1', port: 8765, quiet: false });
    expect(resolveSettings(specs, {}, { OLD_HOST: 'a', NEW_PORT: '9' })).toEqual({
      host: 'a',
      port: 9,
      quiet: false,
    });
    expect(resolveSettings(specs, {}, { OLD_HOST: 'a', NEW_HOST: 'b' }).host).toBe('b');
    expect(
      resolveSettings(specs, { host: 'c', quiet: true }, { NEW_HOST: 'b', NEW_QUIET: 'false' }),
    ).toMatchObject({
      host: 'c',
      quiet: true,
    });
    expect(resolveSettings(specs, {}, { NEW_HOST: '   ' }).host).toBe('127.0.0.1');
  });

  it('names the flag or the variable of a bad value', () => {
    expect(() => resolveSettings(specs, { port: 'x' }, {})).toThrow(
      'invalid --port: "x" is not an integer between 0 and 65535',
    );
    expect(() => resolveSettings(specs, {}, { NEW_PORT: '70000' })).toThrow(/invalid NEW_PORT/);
    expect(() => resolveSettings(specs, {}, { NEW_QUIET: 'maybe' })).toThrow(
      /invalid NEW_QUIET: "maybe" is not a boolean/,
    );
  });

  it('says where a value came from', () => {
    expect(resolveSetting(specs.port, undefined, { NEW_PORT: '1' })).toEqual({
      value: 1,
      source: 'env',
      where: 'NEW_PORT',
    });
    expect(resolveSetting(specs.port, '2', {})).toEqual({ value: 2, source: 'flag', where: '--port' });
    expect(resolveSetting(specs.port, undefined, {})).toEqual({
      value: 8765,
      source: 'default',
      where: undefined,
    });
  });

  it('describes a setting with its variables and default for --help', () => {
    expect(describeSetting(specs.host, 'interface')).toBe(
      'interface (env NEW_HOST or OLD_HOST; default: 127.0.0.1)',
    );
    expect(describeSetting({ ...specs.port, env: [] }, 'port')).toBe('port (default: 8765)');
    expect(describeSetting({ ...specs.port, env: [], fallback: undefined }, 'port')).toBe('port');
  });
});

describe('parsers', () => {
  it('parses seconds as the older connector wrote them', () => {
    expect(secondsAsMs(0)('8.0')).toBe(8_000);
    expect(secondsAsMs(0)(' 2.5 ')).toBe(2_500);
    expect(() => secondsAsMs(0.1)('abc')).toThrow('"abc" is not a number of seconds');
  });

  it('matches choices case-insensitively, with aliases, and bounds the echoed value', () => {
    const level = oneOf(['info', 'warn'] as const, { warning: 'warn' });
    expect(level('WARNING')).toBe('warn');
    expect(level('Info')).toBe('info');
    expect(() => level('x'.repeat(100))).toThrow(/^"x{40}…" is not one of info, warn \(or warning\)$/);
    expect(() => oneOf(['a'] as const)('constructor')).toThrow(/not one of a/);
  });
});

describe('parseLogLevel', () => {
  it("accepts pino's names in any case and Python's WARNING, CRITICAL, NOTSET", async () => {
    const { parseLogLevel } = await import('./log-level');
    expect(['INFO', 'warn', 'WARNING', 'CRITICAL', 'Debug', 'NOTSET'].map(parseLogLevel)).toEqual([
      'info',
      'warn',
      'warn',
      'fatal',
      'debug',
      'trace',
    ]);
    expect(() => parseLogLevel('loud')).toThrow(
      'unknown log level "loud": expected one of fatal, error, warn, info, debug, trace, silent',
    );
  });
});
