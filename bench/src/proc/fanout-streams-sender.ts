/**
 * The venue of the many-streams fan-out bench, in its own process: `fanout-streams-sender.ts <streams>`.
 * Binance spot REST from the simulator listing S0USDT … S<n-1>USDT, and a WebSocket server that acks
 * SUBSCRIBE frames. On the stdin line `pace <frames> <perSecond>` it sends that many kline frames
 * round-robin over the streams at a steady rate to every connected client (a venue pushes every
 * subscribed stream on one connection), each stamped with its send time (epoch ms, µs precision) in
 * the `v` (volume) field for latency at the far end; prints `paced` when done. Prints one JSON line
 * `{ wsBase, restBase, symbols }` when listening.
 */
import type { WebSocketServer } from 'ws';
import { exitOnFailure, klineText, runVenue, sentNow } from './venue-process';

const streams = Number(process.argv[2] ?? 50);
const symbols = Array.from({ length: streams }, (_, index) => `S${index}USDT`);
/** Frames sent so far: open times continue across calls (a repeated one would be dropped as stale). */
let sentFrames = 0;

function frame(index: number): string {
  const round = Math.floor(index / streams);
  const t = Date.UTC(2026, 0, 1) + Math.floor(round / 30) * 60_000;
  return klineText(
    symbols[index % streams] as string,
    t,
    42_000 + (round % 97),
    sentNow(),
    100 + round,
    round % 30 === 29,
  );
}

function pace(server: WebSocketServer, frames: number, perSecond: number): void {
  const first = sentFrames;
  const end = first + frames;
  sentFrames = end;
  let index = first;
  const tickMs = 5;
  const started = performance.now();
  const timer = setInterval(() => {
    // As many as the rate allows by now: a late tick catches up instead of slowing the rate.
    const due = Math.min(end, first + Math.floor(((performance.now() - started) * perSecond) / 1000));
    for (; index < due; index += 1) {
      const text = frame(index);
      for (const client of server.clients) client.send(text);
    }
    if (index >= end) {
      clearInterval(timer);
      process.stdout.write('paced\n');
    }
  }, tickMs);
}

runVenue(
  symbols,
  ({ wsBase, restBase }) => ({ wsBase, restBase, symbols }),
  ({ server }, [command, framesText, perSecondText]) => {
    if (command === 'pace') pace(server, Number(framesText), Number(perSecondText));
  },
).catch(exitOnFailure);
