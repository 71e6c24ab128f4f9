/**
 * The measured side of the event-loop-delay bench (plain JavaScript on the built packages):
 * `node loop-delay-receiver.mjs <engine|bare> <wsBase> <restBase> <streams> <frames>`. Subscribes
 * `S0USDT … S<streams-1>USDT` 1m, prints `ready` once every subscription is acknowledged, then
 * samples its event-loop delay (perf_hooks.monitorEventLoopDelay, 1 ms resolution) while the sender
 * paces `frames` updates over those streams; after the last one prints one JSON line: delay p50, p99
 * and max (ms) and CPU µs per frame. engine: createFeed + one onEvent consumer per stream; bare: a
 * `ws` client that only JSON.parses each frame.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createFeed } from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';
import WebSocket from 'ws';

const [mode, wsBase, restBase, streamsText, framesText] = process.argv.slice(2);
const streams = Number(streamsText);
const frames = Number(framesText);
const keepAlive = setInterval(() => {}, 60_000);
const delay = monitorEventLoopDelay({ resolution: 1 });
let received = 0;
let cpuAtReady;

function ready() {
  received = 0;
  cpuAtReady = process.cpuUsage();
  delay.enable();
  process.stdout.write('ready\n');
}

function finish() {
  delay.disable();
  const cpu = process.cpuUsage(cpuAtReady);
  const ms = (nanoseconds) => nanoseconds / 1e6;
  process.stdout.write(
    `${JSON.stringify({
      mode,
      frames: received,
      cpuMicrosPerFrame: (cpu.user + cpu.system) / received,
      p50: ms(delay.percentile(50)),
      p99: ms(delay.percentile(99)),
      max: ms(delay.max),
    })}\n`,
  );
  clearInterval(keepAlive);
  process.exit(0);
}

function counted() {
  received += 1;
  if (received === frames) setImmediate(finish);
}

if (mode === 'bare') {
  const socket = new WebSocket(`${wsBase}/stream?streams=`);
  const names = Array.from({ length: streams }, (_, index) => `s${index}usdt@kline_1m`);
  const requests = Math.ceil(names.length / 100);
  let acked = 0;
  socket.on('open', () => {
    for (let request = 0; request < requests; request += 1) {
      const params = names.slice(request * 100, (request + 1) * 100);
      socket.send(JSON.stringify({ method: 'SUBSCRIBE', params, id: request + 1 }));
    }
  });
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.id !== undefined) {
      acked += 1;
      if (acked === requests) ready();
      return;
    }
    if (cpuAtReady !== undefined) counted();
  });
} else {
  const feed = createFeed({
    adapters: [binance],
    endpoints: { binance: { spot: { ws: wsBase, rest: restBase } } },
    observer: {
      frameReceived() {
        if (cpuAtReady !== undefined) counted();
      },
    },
  });
  const listener = () => {};
  const subscriptions = [];
  for (let index = 0; index < streams; index += 1) {
    subscriptions.push(feed.subscribe(`binance:spot:S${index}USDT:1m`, { onEvent: listener }));
  }
  Promise.all(subscriptions.map((subscription) => subscription.ready)).then(ready, (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
