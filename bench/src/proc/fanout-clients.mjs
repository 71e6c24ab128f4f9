/**
 * The clients of the fan-out bench, in their own process: `node fanout-clients.mjs <url> <count>
 * <ohlcv|plain>`. Opens `count` WebSocket clients (ohlcv: each subscribes binance:spot:BTCUSDT:1m),
 * prints `ready` once every client is connected (and, for ohlcv, acknowledged). Every candle message
 * carries its venue send time in `candle.volume`; on the stdin line `report` it prints
 * `{ received, p50, p99, max }` (ms, venue send → client receive) of the messages since the last report.
 */
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const [url, countText, kind] = process.argv.slice(2);
const count = Number(countText);
let latencies = [];
let ready = 0;

function onMessage(data) {
  const now = performance.timeOrigin + performance.now();
  const message = JSON.parse(data.toString());
  if (message.type === 'candle') {
    latencies.push(now - message.candle.volume);
    return;
  }
  if (message.type === 'subscribed') markReady();
}

function markReady() {
  ready += 1;
  if (ready === count) process.stdout.write('ready\n');
}

for (let index = 0; index < count; index += 1) {
  const socket = new WebSocket(url);
  socket.on('open', () => {
    if (kind === 'ohlcv') {
      socket.send(JSON.stringify({ op: 'subscribe', id: '1', streams: ['binance:spot:BTCUSDT:1m'] }));
    } else markReady();
  });
  socket.on('message', onMessage);
  socket.on('close', (code, reason) => {
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
  if (line.trim() !== 'report') return;
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  process.stdout.write(
    `${JSON.stringify({ received: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN })}\n`,
  );
  latencies = [];
});
process.stdin.on('end', () => process.exit(0));
