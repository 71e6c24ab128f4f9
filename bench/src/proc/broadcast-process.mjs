/**
 * What the two broadcast baselines share (proc/broadcast-server.mjs, proc/fanout-streams-broadcast.mjs):
 * the venue connection and the process's protocol with the bench (`{ port }` when listening, the stdin
 * line `stats` answered `{ cpuMicros, rss }`, exit when stdin ends).
 */
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

/** Subscribes `params` (Binance stream names) at the venue; `onKline(k)` for every kline frame. */
export function subscribeVenue(venueBase, params, onKline) {
  const venue = new WebSocket(`${venueBase}/stream?streams=`);
  venue.on('open', () => venue.send(JSON.stringify({ method: 'SUBSCRIBE', params, id: 1 })));
  venue.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.data === undefined) return;
    onKline(message.data.k);
  });
}

/** Prints `{ port }` once `server` listens, answers `stats` on stdin, exits when stdin ends. */
export function serveBench(server) {
  server.on('listening', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'stats') return;
    const cpu = process.cpuUsage();
    process.stdout.write(
      `${JSON.stringify({ cpuMicros: cpu.user + cpu.system, rss: process.memoryUsage().rss })}\n`,
    );
  });
  process.stdin.on('end', () => process.exit(0));
}
