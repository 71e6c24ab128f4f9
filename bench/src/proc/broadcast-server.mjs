/**
 * The fan-out baseline: a minimal `ws` broadcast server in its own process. `node
 * broadcast-server.mjs <venueWsBase>`: subscribes btcusdt@kline_1m at the venue, and for every venue
 * frame JSON.parses it, serializes the candle once and sends it to every client. Prints one JSON
 * line `{ port }` when listening; on the stdin line `stats` prints `{ cpuMicros, rss }`.
 */
import { WebSocketServer } from 'ws';
import { serveBench, subscribeVenue } from './broadcast-process.mjs';

const [venueBase] = process.argv.slice(2);
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
subscribeVenue(venueBase, ['btcusdt@kline_1m'], (k) => {
  const text = JSON.stringify({
    type: 'candle',
    stream: 'binance:spot:BTCUSDT:1m',
    candle: { openTime: k.t, open: +k.o, high: +k.h, low: +k.l, close: +k.c, volume: +k.v, closed: k.x },
  });
  for (const client of server.clients) client.send(text);
});
serveBench(server);
