import type { MarketType } from '@ohlcv/core';
import { prng } from '@ohlcv/testkit';
import {
  fastPathDisagreements,
  type Random,
  randomDecimal,
  randomDigits,
  randomPick,
  runFastPathDifferential,
} from '@ohlcv/testkit/conformance';
import { describe, expect, it } from 'vitest';
import { coinmInstruments } from './__fixtures__/coinm-instruments';
import { readFrames } from './__fixtures__/read-fixture';
import { binance } from './binance-adapter';
import { parseBinanceCandleFrame } from './kline-frame-bytes';

/*
 * Differential test of the byte-level fast path against the plain parse: wherever the fast path yields
 * a candle, the plain parse of the same frame yields exactly that candle (same keys in the same order,
 * same values by Object.is); on Binance's own frame shape it must not decline.
 */

const instruments = coinmInstruments('BTCUSD_PERP', 'BTC/USD:BTC');

const MARKETS: readonly MarketType[] = ['spot', 'usdm', 'coinm'];

/** Any string a hostile or changed venue might put where a decimal belongs. */
function oddDecimal(random: Random): string {
  return randomPick(random, [
    () => `${randomDigits(random, 8)}.${randomDigits(random, 12)}`, // 20 significant digits
    () => `0.${'0'.repeat(20)}${randomDigits(random, 4)}`, // a long fraction
    () => `${1 + Math.floor(random() * 9)}e-${Math.floor(random() * 9)}`,
    () => `${randomDigits(random, 3)}E${Math.floor(random() * 30)}`,
    () => `-${randomDecimal(random, 10, 12)}`,
    () => `+${randomDecimal(random, 10, 12)}`,
    () => ` ${randomDecimal(random, 10, 12)} `,
    () => `00${randomDecimal(random, 10, 12)}`,
    () =>
      randomPick(random, [
        '',
        '.',
        '5.',
        '.5',
        '1.2.3',
        'Infinity',
        '-Infinity',
        'NaN',
        '0x1A',
        '1_0',
        '0',
        '0.0',
      ]),
  ])();
}

/** A JSON value for a key the fast path does not keep (or an odd type for one it does). */
function anyValue(random: Random): string {
  return randomPick(random, [
    () => JSON.stringify(randomDecimal(random, 10, 12)),
    () => String(Math.floor(random() * 1e6)),
    () =>
      randomPick(random, [
        '-1',
        '1.5',
        '2e3',
        '-0',
        '0',
        'true',
        'false',
        'null',
        '{}',
        '[1]',
        '{"a":1}',
        '"x"',
      ]),
  ])();
}

function integer(random: Random, value: number, odd: boolean): string {
  if (!odd || random() > 0.05) return String(value);
  return randomPick(random, [
    `${value}.0`,
    `-${value}`,
    `0${value}`,
    `"${value}"`,
    `${value}e0`,
    '9007199254740993',
    'null',
  ]);
}

function decimalField(random: Random, odd: boolean): string {
  return !odd || random() < 0.9
    ? JSON.stringify(randomDecimal(random, 10, 12))
    : JSON.stringify(oddDecimal(random));
}

function shuffle<T>(random: Random, items: T[]): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}

/** A kline frame in Binance's shape with random values; `odd` also varies the shape and the types. */
function klineFrame(random: Random, market: MarketType, odd: boolean): string {
  const symbol =
    market === 'coinm' ? 'BTCUSD_PERP' : randomPick(random, ['BTCUSDT', 'ETHUSDT', 'ETHBTC', '1000PEPEUSDT']);
  const openTime = 1_672_515_780_000 + Math.floor(random() * 1e6) * 60_000;
  const k: [string, string][] = [
    ['t', integer(random, openTime, odd)],
    ['T', integer(random, openTime + 59_999, odd)],
    ['s', JSON.stringify(symbol)],
    ['i', JSON.stringify(odd && random() < 0.1 ? randomPick(random, ['7m', '1M', '', '1s']) : '1m')],
    ['f', String(Math.floor(random() * 1e9))],
    ['L', odd && random() < 0.2 ? '-1' : String(Math.floor(random() * 1e9))],
    ['o', decimalField(random, odd)],
    ['c', decimalField(random, odd)],
    ['h', decimalField(random, odd)],
    ['l', decimalField(random, odd)],
    ['v', decimalField(random, odd)],
    ['n', integer(random, Math.floor(random() * 5000), odd)],
    [
      'x',
      odd && random() < 0.1 ? randomPick(random, ['"true"', '0', 'null', 'tru']) : String(random() < 0.1),
    ],
    ['q', decimalField(random, odd)],
    ['V', JSON.stringify(randomDecimal(random, 10, 12))],
    ['Q', JSON.stringify(randomDecimal(random, 10, 12))],
    ['B', '"0"'],
  ];
  const event: [string, string][] = [
    ['e', JSON.stringify(odd && random() < 0.1 ? randomPick(random, ['trade', 'klin', 'klinee']) : 'kline')],
    ['E', String(openTime + 1234)],
    ['s', JSON.stringify(symbol)],
  ];
  if (odd) {
    if (random() < 0.3) shuffle(random, k);
    if (random() < 0.2) k.splice(Math.floor(random() * k.length), 1); // a field missing
    if (random() < 0.2) k.push([randomPick(random, ['o', 'x', 't', 's', 'zz', 'extra']), anyValue(random)]); // duplicate or unknown
    if (random() < 0.2) event.push([randomPick(random, ['s', 'stream', 'data', 'E']), anyValue(random)]);
    if (random() < 0.1) event.splice(2, 1); // no event symbol
  }
  const kline = `{${k.map(([key, value]) => `"${key}":${value}`).join(',')}}`;
  const fields = event.map(([key, value]) => `"${key}":${value}`);
  fields.splice(odd ? Math.floor(random() * (fields.length + 1)) : fields.length, 0, `"k":${kline}`);
  if (odd && random() < 0.05) fields.push(`"k":${kline.replace('"t":', '"tt":')}`); // a later "k" wins
  const payload = `{${fields.join(',')}}`;
  if (random() < 0.3) return payload;
  return `{"stream":"${symbol.toLowerCase()}@kline_1m","data":${payload}}`;
}

describe('parseBinanceCandleFrame: the fast path yields exactly what the plain parse yields', () => {
  runFastPathDifferential({ adapter: binance, markets: MARKETS, frame: klineFrame, seed: 11, instruments });

  it('reads the recorded kline samples of every market and agrees with the plain parse', () => {
    for (const [market, name] of [
      ['spot', 'spot-kline-event.ndjson'],
      ['usdm', 'usdm-kline-event.ndjson'],
      ['coinm', 'coinm-kline-event.ndjson'],
    ] as const) {
      const frames = readFrames(name).map((frame) => Buffer.from(frame));
      expect(fastPathDisagreements(binance, market, frames, instruments)).toEqual([]);
      for (const frame of frames) expect(parseBinanceCandleFrame(market, frame, instruments)).toBeDefined();
    }
  });

  it('declines what is not a kline update: acks, errors, other events, empty and non-JSON frames', () => {
    const frames = [
      '{"result":null,"id":1}',
      '{"code":2,"msg":"Invalid request","id":3}',
      '{"stream":"btcusdt@trade","data":{"e":"trade","s":"BTCUSDT"}}',
      '{"e":"serverShutdown","E":1}',
      '{"stream":"btcusdt@kline_1m","data":{"e":"kline","s":"BTCUSDT"}}',
      '{}',
      '',
      'not json',
    ];
    for (const frame of frames) expect(parseBinanceCandleFrame('spot', Buffer.from(frame))).toBeUndefined();
  });

  it('reads decimals exactly as Number() does, long ones included', () => {
    const random = prng(14);
    for (let index = 0; index < 20_000; index++) {
      const text = index % 3 === 0 ? oddDecimal(random) : randomDecimal(random, 10, 12);
      const frame = klineFrame(prng(index), 'spot', false).replace(
        /"c":"[^"]*"/,
        `"c":${JSON.stringify(text)}`,
      );
      const candle = parseBinanceCandleFrame('spot', Buffer.from(frame));
      if (candle !== undefined) expect(candle.close).toBe(Number(text));
    }
  });
});
