import type { InstrumentIndex, MarketType, SymbolInfo } from '@ohlcv/core';
import { prng } from '@ohlcv/testkit';
import { describe, expect, it } from 'vitest';
import { readFrames } from './__fixtures__/read-fixture';
import { parseBinanceFrame, parsePlainBinanceFrame } from './parse-kline-event';
import { fastKlineCandle } from './parse-kline-fast';

const MARKETS: MarketType[] = ['spot', 'usdm', 'coinm'];

function coinm(symbol: string, contractSize: number): [string, SymbolInfo] {
  return [
    symbol,
    {
      symbol,
      unified: `${symbol}/USD`,
      base: symbol.slice(0, 3),
      quote: 'USD',
      settle: symbol.slice(0, 3),
      market: 'coinm',
      status: 'TRADING',
      active: true,
      contractSize,
    },
  ];
}

const instruments: InstrumentIndex = new Map([
  coinm('BTCUSD_200626', 100),
  coinm('BTCUSD_231229', 100),
  coinm('ETHUSD_PERP', 10),
]);

/** Both paths on one frame: the fast path may decline, but never disagree with the plain parse. */
function expectSameAsPlain(market: MarketType, frame: string): boolean {
  const plain = parsePlainBinanceFrame(market, frame, instruments);
  const fast = fastKlineCandle(market, frame, instruments);
  if (fast !== undefined) {
    expect(plain).toHaveLength(1);
    const [event] = plain;
    expect(event?.type).toBe('candle');
    if (event?.type === 'candle') {
      expect(fast).toStrictEqual(event.candle);
      expect(Object.keys(fast)).toEqual(Object.keys(event.candle));
    }
  }
  expect(parseBinanceFrame(market, frame, instruments)).toStrictEqual(plain);
  return fast !== undefined;
}

const pick = <T>(next: () => number, values: readonly T[]): T =>
  values[Math.floor(next() * values.length)] as T;

/** Mostly the first (valid) value, so that a good share of whole frames are valid. */
const mostly = <T>(next: () => number, values: readonly T[]): T =>
  next() < 0.85 ? (values[0] as T) : pick(next, values);

const DECIMALS = [
  '0.05312000',
  '36500.01',
  '0',
  '0.00000812',
  '1e-7',
  '-1.5',
  '',
  'abc',
  ' 1',
  '1 ',
  'Infinity',
  '0x10',
  '12345678901234567890.5',
];
const INTEGERS = [
  '1700000000000',
  '0',
  '-0',
  '1.5',
  '1e3',
  '1E+3',
  '9007199254740993',
  '01',
  '-',
  '1.',
  '"1700000000000"',
  'null',
  'true',
  '1e400',
];
const SYMBOLS = ['BTCUSDT', 'BTCUSD_231229', 'ETHUSD_PERP', '', 'B\\u0054CUSDT', 'A\\"B', 'ÄÖÜ', 'tab\tin'];
const INTERVALS = ['1m', '1s', '5m', '1M', '1h', '7m', '1w', '1d'];
const FLAGS = ['false', 'true', '"true"', '0', 'null'];
const MUTATIONS = ['"', '\\', ' ', ',', ':', '{', '}', '[', '0', '9', '.', 'e', '-', '+', 'x', 'k'];

/** A kline frame in Binance's shape with values drawn from the generator (valid and invalid ones). */
function generatedFrame(next: () => number): string {
  const symbol = mostly(next, SYMBOLS);
  const decimal = (): string => `"${mostly(next, DECIMALS)}"`;
  const kline =
    `{"t":${mostly(next, INTEGERS)},"T":${mostly(next, INTEGERS)},"s":"${symbol}","i":"${mostly(next, INTERVALS)}",` +
    `"f":${mostly(next, INTEGERS)},"L":${mostly(next, INTEGERS)},"o":${decimal()},"c":${decimal()},` +
    `"h":${decimal()},"l":${decimal()},"v":${decimal()},"n":${mostly(next, INTEGERS)},"x":${mostly(next, FLAGS)},` +
    `"q":${decimal()},"V":${decimal()},"Q":${decimal()},"B":"0"}`;
  const payload = `{"e":"kline","E":${mostly(next, INTEGERS)},"s":"${mostly(next, SYMBOLS)}","k":${kline}}`;
  return next() < 0.8 ? `{"stream":"${symbol.toLowerCase()}@kline_1m","data":${payload}}` : payload;
}

/** One character replaced, inserted or removed at a random place. */
function mutated(next: () => number, frame: string): string {
  const at = Math.floor(next() * frame.length);
  const roll = next();
  if (roll < 0.4) return frame.slice(0, at) + pick(next, MUTATIONS) + frame.slice(at + 1);
  if (roll < 0.8) return frame.slice(0, at) + pick(next, MUTATIONS) + frame.slice(at);
  return frame.slice(0, at) + frame.slice(at + 1);
}

describe('the fast kline path yields exactly what the plain JSON.parse path yields', () => {
  const realShapes = [
    ...readFrames('kline-shapes.ndjson'),
    ...readFrames('spot-kline-event.ndjson'),
    ...readFrames('usdm-kline-event.ndjson'),
    ...readFrames('coinm-kline-event.ndjson'),
  ];

  it('takes the fast path on every real frame shape and builds the same candle', () => {
    for (const market of MARKETS) {
      for (const frame of realShapes) expect(expectSameAsPlain(market, frame)).toBe(true);
    }
  });

  it('declines, and the plain parse answers, on acks, errors and other events', () => {
    const others = [
      ...readFrames('acks.ndjson'),
      ...readFrames('error-acks.ndjson'),
      ...readFrames('other-responses.ndjson'),
      ...readFrames('server-shutdown.ndjson'),
    ];
    for (const frame of others) expect(expectSameAsPlain('spot', frame)).toBe(false);
  });

  it('agrees on 20,000 generated frames (seeded), taking the fast path on a good share of them', () => {
    const next = prng(0x6b6c696e);
    let fast = 0;
    const count = 20_000;
    for (let index = 0; index < count; index += 1) {
      if (expectSameAsPlain(pick(next, MARKETS), generatedFrame(next))) fast += 1;
    }
    // Most generated frames carry at least one invalid value; the valid ones must go fast.
    expect(fast).toBeGreaterThan(count / 100);
  });

  it('agrees on 20,000 one-character mutations of real frames (seeded)', () => {
    const next = prng(0x6d757461);
    let fast = 0;
    for (let index = 0; index < 20_000; index += 1) {
      if (expectSameAsPlain(pick(next, MARKETS), mutated(next, pick(next, realShapes)))) fast += 1;
    }
    expect(fast).toBeGreaterThan(1_000); // digits swapped for digits still parse fast
  });
});
