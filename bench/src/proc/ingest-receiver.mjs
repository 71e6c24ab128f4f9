/**
 * The measured side of the ingest bench (plain JavaScript on the built packages):
 * `node ingest-receiver.mjs <engine|bare> <wsBase> <restBase> <frames> [warmupFrames]`. Subscribes
 * btcusdt@kline_1m, prints `ready`, then counts frames; after the last one prints one JSON line with
 * the CPU time (process.cpuUsage) spent on the frames after the first `warmupFrames` (the warm-up:
 * compiling the receiver's JavaScript, which the bare client's native JSON.parse hardly needs) and
 * the CPU time of the warm-up itself.
 * engine: createFeed + subscribe (parse, sequence, one onEvent consumer); bare: a `ws` client that
 * only JSON.parses each frame — the floor.
 */
import { createFeed } from '@ohlcv/core';
import { binance } from '@ohlcv/exchange-binance';
import WebSocket from 'ws';

const [mode, wsBase, restBase, framesText, warmupText = '0'] = process.argv.slice(2);
const frames = Number(framesText);
const warmupFrames = Number(warmupText);
let cpuAtReady;
/** CPU since `ready` when the warm-up ended; the measured part starts there. */
let warmup;
let cpuAtWarm;
let received = 0;
const keepAlive = setInterval(() => {}, 60_000);

/** After frame `warmupFrames` the measured part starts. */
function count() {
  received += 1;
  if (received === warmupFrames) {
    cpuAtWarm = process.cpuUsage();
    warmup = process.cpuUsage(cpuAtReady);
  }
}

function finish() {
  const cpu = process.cpuUsage(cpuAtWarm ?? cpuAtReady);
  const warmupMicros = warmup === undefined ? 0 : warmup.user + warmup.system;
  const measured = received - (warmup === undefined ? 0 : warmupFrames);
  process.stdout.write(
    `${JSON.stringify({ mode, frames: measured, cpuMicros: cpu.user + cpu.system, warmupMicros })}\n`,
  );
  clearInterval(keepAlive);
  process.exit(0);
}

function ready() {
  received = 0; // the engine's observer also counted the SUBSCRIBE ack
  cpuAtWarm = undefined;
  warmup = undefined;
  cpuAtReady = process.cpuUsage();
  process.stdout.write('ready\n');
}

if (mode === 'bare') {
  const socket = new WebSocket(`${wsBase}/stream?streams=`);
  socket.on('open', () =>
    socket.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@kline_1m'], id: 1 })),
  );
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.id === 1) return ready();
    count();
    if (received === frames) finish();
  });
} else {
  const feed = createFeed({
    adapters: [binance],
    endpoints: { binance: { spot: { ws: wsBase, rest: restBase } } },
    observer: {
      frameReceived() {
        count();
        // The last frame's parse and fan-out run right after this report.
        if (received === frames) setImmediate(finish);
      },
    },
  });
  let events = 0;
  const subscription = feed.subscribe('binance:spot:BTCUSDT:1m', {
    onEvent: () => {
      events += 1;
    },
  });
  subscription.ready.then(ready, (error) => {
    process.stderr.write(`${error.message} (${events} events)\n`);
    process.exit(1);
  });
}
