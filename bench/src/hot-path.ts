import {
  type Candle,
  ConflatingBuffer,
  type FeedEvent,
  feedEventConflation,
  StreamSequencer,
} from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';
import { formatRate, interleavedRates, medianRate } from './measure';

const FRAMES = 100_000;
const UPDATES_PER_CANDLE = 30;
const CONSUMERS = 100;

/** Combined-stream kline frames as Binance sends them: 30 open updates then the final one per candle. */
export function klineFrames(count: number): string[] {
  const frames: string[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let index = 0; index < count; index += 1) {
    const candle = Math.floor(index / UPDATES_PER_CANDLE);
    const t = start + candle * 60_000;
    const closed = index % UPDATES_PER_CANDLE === UPDATES_PER_CANDLE - 1;
    const price = (42_000 + (index % 97)).toFixed(2);
    frames.push(
      JSON.stringify({
        stream: 'btcusdt@kline_1m',
        data: {
          e: 'kline',
          E: t + 1_000,
          s: 'BTCUSDT',
          k: {
            t,
            T: t + 59_999,
            s: 'BTCUSDT',
            i: '1m',
            f: 100,
            L: 200,
            o: '42000.00',
            c: price,
            h: '42100.00',
            l: '41900.00',
            v: '12.345',
            n: 100 + index,
            x: closed,
            q: '518000.1',
            V: '6.1',
            Q: '256000.2',
            B: '0',
          },
        },
      }),
    );
  }
  return frames;
}

export interface HotPathResult {
  frames: number;
  consumers: number;
  baseline: number;
  parse: number;
  /** Bare `JSON.parse` of the frame's bytes decoded (what a `ws` client receives). */
  bytesBaseline: number;
  /** The adapter's byte-level fast path on the same bytes. */
  fastParse: number;
  pipeline: number;
}

/**
 * frame → parse → sequence → fan-out, against bare JSON.parse of the same frames. The pipeline
 * serializes each emitted candle once and queues the same event to every consumer's bounded buffer.
 */
export function benchHotPath(rounds = 7): HotPathResult {
  const frames = klineFrames(FRAMES);
  const frameBytes = frames.map((frame) => Buffer.from(frame));
  let sink = 0;

  const [baseline, parse, bytesBaseline, fastParse] = interleavedRates(FRAMES, rounds, [
    () => {
      for (const frame of frames) sink += (JSON.parse(frame) as { data: { E: number } }).data.E & 1;
    },
    () => {
      for (const frame of frames) sink += binance.parse('spot', frame).length;
    },
    () => {
      for (const frame of frameBytes)
        sink += (JSON.parse(frame.toString()) as { data: { E: number } }).data.E & 1;
    },
    () => {
      for (const frame of frameBytes) sink += binance.parseCandleFrame('spot', frame)?.openTime ?? 0;
    },
  ]) as [number, number, number, number];

  const buffers = Array.from(
    { length: CONSUMERS },
    () => new ConflatingBuffer<FeedEvent>(1_000_000, feedEventConflation),
  );
  const stream = 'binance:spot:BTCUSDT:1m';
  let bytes = 0;
  const fanOut = (candle: Candle): void => {
    const payload = JSON.stringify(candle); // serialized once, shared by every consumer
    bytes += payload.length;
    const event: FeedEvent = { type: 'candle', stream, candle, source: 'live', receivedAt: 0 };
    for (const buffer of buffers) buffer.push(event);
  };
  const pipeline = medianRate(FRAMES, rounds, () => {
    const sequencer = new StreamSequencer({
      interval: '1m',
      emptyIntervals: 'present',
      emit: fanOut,
      requestGap: () => {},
      dropped: () => {},
      gap: () => {},
    });
    // As the engine's connection does: the fast path, and parse() for what it declines.
    for (const frame of frameBytes) {
      const candle = binance.parseCandleFrame('spot', frame);
      if (candle !== undefined) sequencer.onLive(candle);
      else
        for (const event of binance.parse('spot', frame.toString()))
          if (event.type === 'candle') sequencer.onLive(event.candle);
    }
    for (const buffer of buffers) while (buffer.size > 0) buffer.shift();
  });
  if (sink < 0 || bytes < 0) throw new Error('unreachable');
  return { frames: FRAMES, consumers: CONSUMERS, baseline, parse, bytesBaseline, fastParse, pipeline };
}

export function hotPathReport(result: HotPathResult): string {
  const ratio = (rate: number) => `${(rate / result.baseline).toFixed(2)}×`;
  return [
    `| step | frames/s | vs bare JSON.parse |`,
    `|---|---|---|`,
    `| bare \`JSON.parse\` (baseline) | ${formatRate(result.baseline)} | 1.00× |`,
    `| \`binance.parse\` (frame → Candle) | ${formatRate(result.parse)} | ${ratio(result.parse)} |`,
    `| bare \`JSON.parse(bytes.toString())\` (the frame as a \`ws\` client gets it) | ${formatRate(result.bytesBaseline)} | ${ratio(result.bytesBaseline)} |`,
    `| \`binance.parseCandleFrame\` (frame bytes → Candle, the engine's fast path) | ${formatRate(result.fastParse)} | ${ratio(result.fastParse)} |`,
    `| fast path (else parse) → sequence → serialize once → fan-out to ${result.consumers} bounded consumer buffers | ${formatRate(result.pipeline)} | ${ratio(result.pipeline)} |`,
  ].join('\n');
}
