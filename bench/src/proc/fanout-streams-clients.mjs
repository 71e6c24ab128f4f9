/**
 * The clients of the many-streams fan-out bench, in their own process: `node fanout-streams-clients.mjs
 * <url> <count> <stream,…> <batchMs>`. Opens `count` WebSocket clients, each subscribing to every
 * stream (with `batchMs` when > 0), and prints `ready` once all are acknowledged. Every candle carries
 * its venue send time in `candle.volume`; a `batch` frame's events are taken one by one, received when
 * the frame is. On the stdin line `report` it prints `{ received, frames, closes, p50, p99, max }`
 * (latency in ms, venue send → client receive) since the last report; on `count`, `{ received }` so
 * far (without resetting).
 */
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const [url, countText, streamList, batchText] = process.argv.slice(2);
const count = Number(countText);
const streams = streamList.split(',');
const batchMs = Number(batchText ?? 0);
let latencies = [];
let frames = 0;
let closes = 0;
let ready = 0;

function onCandle(message, now) {
  latencies.push(now - message.candle.volume);
}

function onMessage(data) {
  const now = performance.timeOrigin + performance.now();
  const message = JSON.parse(data.toString());
  frames += 1;
  if (message.type === 'candle') onCandle(message, now);
  else if (message.type === 'batch') {
    for (const event of message.events) if (event.type === 'candle') onCandle(event, now);
  } else if (message.type === 'subscribed') {
    ready += 1;
    if (ready === count) process.stdout.write('ready\n');
  }
}

const subscribe = JSON.stringify({
  op: 'subscribe',
  id: '1',
  streams,
  ...(batchMs > 0 ? { batchMs } : {}),
});
for (let index = 0; index < count; index += 1) {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  socket.on('open', () => socket.send(subscribe));
  socket.on('message', onMessage);
  socket.on('close', (code, reason) => {
    closes += 1;
    if (ready < count) {
      process.stderr.write(`client ${index} closed before all were ready: ${code} ${reason}\n`);
      process.exit(1);
    }
  });
  socket.on('error', (error) => {
    process.stderr.write(`client ${index}: ${error.message}\n`);
    process.exit(1);
  });
}

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'count') process.stdout.write(`${JSON.stringify({ received: latencies.length })}\n`);
  if (line.trim() !== 'report') return;
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  process.stdout.write(
    `${JSON.stringify({ received: sorted.length, frames, closes, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN })}\n`,
  );
  latencies = [];
  frames = 0;
});
process.stdin.on('end', () => process.exit(0));
