import type { MarketType } from '@ohlcv/core';
import {
  fastPathDisagreements,
  type Random,
  randomDecimal,
  randomDigits,
  randomPick,
  runFastPathDifferential,
} from '@ohlcv/testkit/conformance';
import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/load-fixture';
import { bybit } from './bybit-adapter';
import { parseBybitCandleFrame } from './kline-frame-bytes';

/*
 * Differential test of the byte-level fast path against parseFrame: wherever the fast path yields a
 * candle, the plain parse of the same frame yields exactly that candle; on Bybit's own frame shape it
 * must not decline.
 */

const MARKETS: readonly MarketType[] = ['spot', 'usdm', 'coinm'];

function oddValue(random: Random): string {
  return randomPick(random, [
    JSON.stringify(`${randomDigits(random, 9)}.${randomDigits(random, 12)}`),
    JSON.stringify(`${1 + Math.floor(random() * 9)}e-${Math.floor(random() * 9)}`),
    JSON.stringify(randomPick(random, ['', '.', 'NaN', 'Infinity', '-1.5', ' 7', '0x10', '1672324800000'])),
    String(Math.floor(random() * 1000)),
    randomPick(random, ['null', 'true', '1.5', '-3', '1e3', '[]', '{}']),
  ]);
}

/** A kline push in Bybit's shape; `odd` also varies the shape, the types and the values. */
function klineFrame(random: Random, market: MarketType, odd: boolean): string {
  const symbol = market === 'coinm' ? 'BTCUSD' : randomPick(random, ['BTCUSDT', 'ETHUSDT', '1000PEPEUSDT']);
  const start = 1_672_324_800_000 + Math.floor(random() * 1e6) * 60_000;
  const element: [string, string][] = [
    ['start', String(start)],
    ['end', String(start + 59_999)],
    ['interval', '"1"'],
    ['open', JSON.stringify(randomDecimal(random, 9, 9))],
    ['close', JSON.stringify(randomDecimal(random, 9, 9))],
    ['high', JSON.stringify(randomDecimal(random, 9, 9))],
    ['low', JSON.stringify(randomDecimal(random, 9, 9))],
    ['volume', JSON.stringify(randomDecimal(random, 9, 9))],
    ['turnover', JSON.stringify(randomDecimal(random, 9, 9))],
    ['confirm', String(random() < 0.1)],
    ['timestamp', String(start + 1234)],
  ];
  let topic = `kline.1.${symbol}`;
  if (odd) {
    if (random() < 0.3) element[1 + Math.floor(random() * (element.length - 1))]![1] = oddValue(random);
    if (random() < 0.1)
      element[0]![1] = randomPick(random, [`"${start}"`, `${start}.5`, '-1', '0123', 'null']);
    if (random() < 0.1) element.splice(Math.floor(random() * element.length), 1);
    if (random() < 0.1)
      element.push([randomPick(random, ['open', 'confirm', 'start', 'extra']), oddValue(random)]);
    if (random() < 0.2) element.reverse();
    if (random() < 0.1)
      topic = randomPick(random, ['kline.7.BTCUSDT', 'kline.1.', 'tickers.BTCUSDT', 'kline1.BTCUSDT']);
  }
  const item = `{${element.map(([key, value]) => `"${key}":${value}`).join(',')}}`;
  const items = odd && random() < 0.1 ? [item, item] : [item];
  const keys = [
    `"topic":"${topic}"`,
    `"data":[${items.join(',')}]`,
    `"ts":${start + 1234}`,
    '"type":"snapshot"',
  ];
  if (odd && random() < 0.2) keys.reverse();
  if (odd && random() < 0.1)
    keys.push(randomPick(random, ['"op":"pong"', '"data":{}', '"topic":5', '"cs":{"a":1}']));
  return `{${keys.join(',')}}`;
}

describe('parseBybitCandleFrame: the fast path yields exactly what parseFrame yields', () => {
  runFastPathDifferential({ adapter: bybit, markets: MARKETS, frame: klineFrame, seed: 31 });

  it('reads the recorded kline push and agrees with the plain parse', () => {
    const frames = fixture('kline-push.ndjson')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((frame) => Buffer.from(frame));
    for (const market of MARKETS) expect(fastPathDisagreements(bybit, market, frames)).toEqual([]);
    expect(parseBybitCandleFrame('usdm', frames[0] as Buffer)).toBeDefined();
  });

  it('declines what is not a one-candle kline push: control frames, pongs, other topics', () => {
    const frames = fixture('ws-control.ndjson')
      .split('\n')
      .filter((line) => line.length > 0);
    frames.push(
      '{"topic":"tickers.BTCUSDT","data":{"symbol":"BTCUSDT"},"ts":1,"type":"snapshot"}',
      '{}',
      'pong',
    );
    for (const frame of frames) expect(parseBybitCandleFrame('spot', Buffer.from(frame))).toBeUndefined();
  });
});
