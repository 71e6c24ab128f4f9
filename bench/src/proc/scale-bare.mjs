/**
 * The baseline of the scale bench, in its own process: `node --expose-gc scale-bare.mjs <wsBase>
 * <count> <messagesPerSecond> [guardMs]`. A bare `ws` client holding `count` Binance spot kline subscriptions
 * the way a careful hand-written client would: 1,024 streams per connection, 100 per SUBSCRIBE frame,
 * frames paced at exactly the venue's limit (at most `messagesPerSecond` in any 1 s, the whole
 * allowance at once, no margin), every message JSON.parsed. Prints the same JSON line as
 * scale-engine.mjs: heap and RSS per stream and the seconds until every SUBSCRIBE was acknowledged,
 * and how long the venue took to answer a SUBSCRIBE (median and max, ms).
 */
import WebSocket from 'ws';
import { startMeasuring } from './scale-measure.mjs';

const [wsBase = '', countText = '1000', rateText = '5', guardText = '0'] = process.argv.slice(2);
const count = Number(countText);
const perSecond = Number(rateText);
/** Milliseconds added to the 1 s window (0: exactly the venue's limit). */
const windowMs = 1000 + Number(guardText);
const STREAMS_PER_CONNECTION = 1024;
const STREAMS_PER_FRAME = 100;

/** One connection: its SUBSCRIBE frames sent as fast as `perSecond` in any 1 s allows. */
class PacedConnection {
  constructor(onAcked) {
    this.sentAt = [];
    this.frames = [];
    this.pending = 0;
    this.onAcked = onAcked;
    this.socket = new WebSocket(`${wsBase}/stream?streams=`, { perMessageDeflate: false });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', resolve);
      this.socket.once('error', reject);
    });
    this.socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.id !== undefined && message.result === null) {
        answerLags.push(performance.now() - (sentAtById.get(message.id) ?? Number.NaN));
        sentAtById.delete(message.id);
        this.pending -= 1;
        this.onAcked();
      }
    });
    this.socket.on('close', (code, reason) => {
      if (this.pending > 0) {
        process.stderr.write(
          `bare client: connection closed ${code} ${reason} with ${this.pending} unacked\n`,
        );
        process.exit(1);
      }
    });
  }

  subscribe(names) {
    for (let index = 0; index < names.length; index += STREAMS_PER_FRAME) {
      this.frames.push(names.slice(index, index + STREAMS_PER_FRAME));
    }
    this.pending += Math.ceil(names.length / STREAMS_PER_FRAME);
    this.pump();
  }

  pump() {
    while (this.frames.length > 0) {
      const now = performance.now();
      while (this.sentAt.length > 0 && this.sentAt[0] <= now - windowMs) this.sentAt.shift();
      if (this.sentAt.length >= perSecond) {
        setTimeout(() => this.pump(), Math.max(1, this.sentAt[0] + windowMs - now));
        return;
      }
      this.sentAt.push(now);
      const params = this.frames.shift();
      const id = nextId++;
      sentAtById.set(id, now);
      this.socket.send(JSON.stringify({ method: 'SUBSCRIBE', params, id }));
    }
  }
}

let nextId = 1;
/** When each SUBSCRIBE went out, by id; and how long the venue took to answer each (ms). */
const sentAtById = new Map();
const answerLags = [];

async function main() {
  const names = Array.from({ length: count }, (_, index) => `s${index}usdt@kline_1m`);
  // Warm-up, as the engine's: one connection open and one stream acknowledged before timing.
  let acked = 0;
  let resolveAll;
  const all = new Promise((resolve) => {
    resolveAll = resolve;
  });
  let expected = 1;
  const onAcked = () => {
    acked += 1;
    if (acked === expected) resolveAll();
  };
  const first = new PacedConnection(onAcked);
  await first.opened;
  first.subscribe([names[0]]);
  await all;
  answerLags.length = 0; // the warm-up stream's answer is not part of the sample
  const measuring = startMeasuring(count);
  const done = new Promise((resolve) => {
    resolveAll = resolve;
  });
  const connections = [first];
  expected = 1 + Math.ceil((Math.min(count, STREAMS_PER_CONNECTION) - 1) / STREAMS_PER_FRAME);
  for (let start = STREAMS_PER_CONNECTION; start < count; start += STREAMS_PER_CONNECTION) {
    expected += Math.ceil(Math.min(STREAMS_PER_CONNECTION, count - start) / STREAMS_PER_FRAME);
  }
  if (count > 1) first.subscribe(names.slice(1, STREAMS_PER_CONNECTION));
  await Promise.all(
    Array.from({ length: Math.ceil(count / STREAMS_PER_CONNECTION) - 1 }, async (_, index) => {
      const slice = names.slice((index + 1) * STREAMS_PER_CONNECTION, (index + 2) * STREAMS_PER_CONNECTION);
      const connection = new PacedConnection(onAcked);
      connections.push(connection);
      await connection.opened;
      connection.subscribe(slice);
    }),
  );
  if (acked < expected) await done;
  const sorted = answerLags.sort((a, b) => a - b);
  measuring.finish(connections.length, {
    answerLagMedianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    answerLagMaxMs: sorted[sorted.length - 1] ?? 0,
  });
  for (const connection of connections) connection.pending = 0;
  for (const connection of connections) connection.socket.close();
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
