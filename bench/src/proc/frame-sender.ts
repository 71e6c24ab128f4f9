/**
 * The venue side of the ingest bench, in its own process: Binance spot REST from the simulator
 * and a WebSocket server that acks SUBSCRIBE frames and, on the command `send` (a stdin line),
 * writes `count` pre-encoded kline frames to every connected client in large raw socket writes (a
 * sender calling `send` per frame would starve the receiver and flatter it). Prints one JSON line
 * `{ wsBase, restBase }` when listening and a line `sent` after each burst.
 */
import type { Socket } from 'node:net';
import type { WebSocketServer } from 'ws';
import { klineFrames } from '../hot-path';
import { exitOnFailure, klineText, runVenue, sentNow } from './venue-process';

const CHUNK = 1 << 20;

/** Unmasked server-to-client text frames, back to back. */
function encodeFrames(texts: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  for (const text of texts) {
    const payload = Buffer.from(text);
    const length = payload.length;
    const header =
      length < 126
        ? Buffer.from([0x81, length])
        : Buffer.from([0x81, 126, (length >> 8) & 0xff, length & 0xff]);
    if (length > 0xffff) throw new Error(`frame of ${length} bytes is too long for this encoder`);
    parts.push(header, payload);
  }
  return Buffer.concat(parts);
}

function writeAll(socket: Socket, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    let offset = 0;
    const pump = (): void => {
      while (offset < bytes.length) {
        const chunk = bytes.subarray(offset, offset + CHUNK);
        offset += chunk.length;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
      resolve();
    };
    pump();
  });
}

/**
 * `pace <frames> <perSecond> [streams]`: kline frames sent one by one at a steady rate, each stamped
 * with its send time (epoch ms, µs precision) in the `v` (volume) field, for latency at the far end.
 * With `streams` > 1 the frames go round-robin to `S<n>USDT` (n < streams), 30 updates per candle each.
 */
let pacedFrames = 0;

function pace(server: WebSocketServer, frames: number, perSecond: number, streams: number): void {
  const start = Date.UTC(2026, 0, 1);
  // Frames continue across calls: a repeated open time would be dropped as stale.
  let index = pacedFrames;
  const end = pacedFrames + frames;
  pacedFrames = end;
  const tickMs = 10;
  const perTick = Math.max(1, Math.round((perSecond * tickMs) / 1000));
  const timer = setInterval(() => {
    for (let n = 0; n < perTick && index < end; n += 1, index += 1) {
      const update = Math.floor(index / streams);
      const t = start + Math.floor(update / 30) * 60_000;
      const symbol = streams === 1 ? 'BTCUSDT' : `S${index % streams}USDT`;
      const text = klineText(symbol, t, 42_000 + (index % 97), sentNow(), 100 + index, update % 30 === 29);
      for (const client of server.clients) client.send(text);
    }
    if (index >= end) {
      clearInterval(timer);
      process.stdout.write('paced\n');
    }
  }, tickMs);
}

const count = Number(process.argv[2] ?? 100_000);
// Optional: list S0USDT … S<n-1>USDT too (for `pace` over many streams).
const extraSymbols = Array.from({ length: Number(process.argv[3] ?? 0) }, (_, index) => `S${index}USDT`);
const wire = encodeFrames(klineFrames(count));
runVenue(
  extraSymbols.length > 0 ? ['BTCUSDT', 'ETHUSDT', ...extraSymbols] : undefined,
  ({ wsBase, restBase }) => ({ wsBase, restBase }),
  ({ server }, [command, framesText, perSecondText, streamsText]) => {
    if (command === 'pace') {
      pace(server, Number(framesText), Number(perSecondText), Number(streamsText ?? 1));
      return;
    }
    if (command !== 'send') return;
    const sockets = [...server.clients].map((client) => (client as unknown as { _socket: Socket })._socket);
    void Promise.all(sockets.map((socket) => writeAll(socket, wire))).then(() =>
      process.stdout.write('sent\n'),
    );
  },
).catch(exitOnFailure);
