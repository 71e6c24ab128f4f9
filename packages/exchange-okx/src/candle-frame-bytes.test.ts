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
import { readFrames } from './__fixtures__/read-fixture';
import { parseOkxCandleFrame } from './candle-frame-bytes';
import { okx } from './okx-adapter';
import { parseOkxFrame } from './parse-frame';

/*
 * Differential test of the byte-level fast path against parseOkxFrame: wherever the fast path yields
 * a candle, the plain parse of the same frame yields exactly that candle; on OKX's own frame shape it
 * must not decline.
 */

const MARKETS: readonly MarketType[] = ['spot', 'usdm', 'coinm'];

function oddValue(random: Random): string {
  return randomPick(random, [
    JSON.stringify(`${randomDigits(random, 9)}.${randomDigits(random, 12)}`),
    JSON.stringify(`${1 + Math.floor(random() * 9)}e-${Math.floor(random() * 9)}`),
    JSON.stringify(`-${randomDecimal(random, 9, 11)}`),
    JSON.stringify(` ${randomDecimal(random, 9, 11)}`),
    JSON.stringify(randomPick(random, ['', '.', 'NaN', 'Infinity', '0x1f', '2', '00012', '0'])),
    String(Math.floor(random() * 1000)),
    randomPick(random, ['null', 'true', '1.5', '[]', '{}']),
  ]);
}

/** A candle push in OKX's shape; `odd` also varies the shape, the types and the values. */
function candleFrame(random: Random, market: MarketType, odd: boolean): string {
  const symbol = market === 'spot' ? 'BTC-USDT' : market === 'usdm' ? 'BTC-USDT-SWAP' : 'BTC-USD-SWAP';
  const openTime = 1_789_470_120_000 + Math.floor(random() * 1e6) * 60_000;
  const row: string[] = [
    JSON.stringify(String(openTime)),
    ...Array.from({ length: 7 }, () => JSON.stringify(randomDecimal(random, 9, 11))),
    JSON.stringify(random() < 0.2 ? '1' : '0'),
  ];
  const channel =
    odd && random() < 0.1 ? randomPick(random, ['candle7m', 'tickers', 'candle1h']) : 'candle1m';
  let arg = [`"channel":"${channel}"`, `"instId":"${odd && random() < 0.05 ? '' : symbol}"`];
  if (odd) {
    if (random() < 0.3) row.length = randomPick(random, [7, 8, 6, 10]);
    if (random() < 0.3) row[Math.floor(random() * row.length)] = oddValue(random);
    if (random() < 0.1)
      row[0] = JSON.stringify(randomPick(random, ['0123', '-1', '1.5', '9007199254740993', '']));
    if (random() < 0.2) row[8] = JSON.stringify(randomPick(random, ['2', '', 'true', '01']));
    if (random() < 0.2) arg.reverse();
    if (random() < 0.1) arg.push(randomPick(random, ['"uid":"7"', '"x":1', '"y":{}', '"channel":3']));
    if (random() < 0.05) arg = [`"channel":"${channel}"`];
  }
  const rows = [`[${row.join(',')}]`];
  if (odd && random() < 0.1) rows.push(rows[0] as string); // two rows: left to the plain parse
  const keys = [`"arg":{${arg.join(',')}}`, `"data":[${rows.join(',')}]`];
  if (odd && random() < 0.1) keys.reverse();
  if (odd && random() < 0.1) keys.push(randomPick(random, ['"event":"subscribe"', '"data":[]', '"arg":{}']));
  return `{${keys.join(',')}}`;
}

describe('parseOkxCandleFrame: the fast path yields exactly what parseOkxFrame yields', () => {
  runFastPathDifferential({ adapter: okx, markets: MARKETS, frame: candleFrame, seed: 21 });

  it('reads the recorded candle pushes of every market and agrees with the plain parse', () => {
    for (const [market, name] of [
      ['spot', 'candle-push-spot.ndjson'],
      ['usdm', 'candle-push-swap.ndjson'],
    ] as const) {
      const frames = readFrames(name).map((frame) => Buffer.from(frame));
      expect(fastPathDisagreements(okx, market, frames)).toEqual([]);
      for (const frame of frames) {
        const plain = parseOkxFrame(market, frame.toString());
        if (plain.length === 1 && plain[0]?.type === 'candle')
          expect(parseOkxCandleFrame(market, frame)).toBeDefined();
      }
    }
  });

  it('declines what is not a one-row candle push: pong, acks, errors, other channels', () => {
    const frames = [
      'pong',
      '{"event":"subscribe","arg":{"channel":"candle1m","instId":"BTC-USDT"},"connId":"a"}',
      '{"event":"error","code":"60018","msg":"Wrong URL or channel:candle1m,instId:X"}',
      '{"arg":{"channel":"tickers","instId":"BTC-USDT"},"data":[{"last":"1"}]}',
      '{}',
    ];
    for (const frame of frames) expect(parseOkxCandleFrame('spot', Buffer.from(frame))).toBeUndefined();
  });
});
