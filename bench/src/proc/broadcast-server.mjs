/**
 * The fan-out baseline: a minimal `ws` broadcast server in its own process. `node
 * broadcast-server.mjs <venueWsBase>`: subscribes btcusdt@kline_1m at the venue, and for every venue
 * frame JSON.parses it, serializes the candle once and sends it to every client. Prints one JSON
 * line `{ port }` when listening; on the stdin line `stats` prints `{ cpuMicros, rss }`.
 */
import { createInterface } from 'node:readline';
import WebSocket, { WebSocketServer } from 'ws';

const [venueBase] = process.argv.slice(2);
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
const venue = new WebSocket(`${venueBase}/stream?streams=`);
venue.on('open', () =>
  venue.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@kline_1m'], id: 1 })),
);
venue.on('message', (data) => {
  const message = JSON.parse(data.toString());
  if (message.data === undefined) return;
  const k = message.data.k;
  const text = JSON.stringify({
    type: 'candle',
    stream: 'binance:spot:BTCUSDT:1m',
    candle: { openTime: k.t, open: +k.o, high: +k.h, low: +k.l, close: +k.c, volume: +k.v, closed: k.x },
  });
  for (const client of server.clients) client.send(text);
});
server.on('listening', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'stats') return;
  const cpu = process.cpuUsage();
  process.stdout.write(
    `${JSON.stringify({ cpuMicros: cpu.user + cpu.system, rss: process.memoryUsage().rss })}\n`,
  );
});
process.stdin.on('end', () => process.exit(0));
