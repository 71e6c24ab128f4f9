/**
 * The baseline of the many-streams fan-out bench: a minimal `ws` broadcast server in its own process.
 * `node fanout-streams-broadcast.mjs <venueWsBase> <symbol,…>`: subscribes every symbol's kline_1m at
 * the venue; a client sends `{"op":"subscribe","streams":[…]}` (keys as ohlcv-wss names them) and is
 * answered `{"type":"subscribed"}`; for every venue frame it JSON.parses it, serializes the candle once
 * (the same message ohlcv-wss sends) and sends it to every client of that stream — one message per
 * candle, as ohlcv-wss without batching.
 * Prints one JSON line `{ port }` when listening; on the stdin line `stats` prints `{ cpuMicros, rss }`.
 */
import { WebSocketServer } from 'ws';
import { serveBench, subscribeVenue } from './broadcast-process.mjs';

const [venueBase, symbolList] = process.argv.slice(2);
const symbols = symbolList.split(',');
/** Clients per stream key. */
const members = new Map(symbols.map((symbol) => [`binance:spot:${symbol}:1m`, new Set()]));
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
subscribeVenue(
  venueBase,
  symbols.map((s) => `${s.toLowerCase()}@kline_1m`),
  (k) => {
    const stream = `binance:spot:${k.s}:1m`;
    const clients = members.get(stream);
    if (clients === undefined || clients.size === 0) return;
    // The same message as ohlcv-wss sends (every field of a candle), so the clients' work is the same.
    const text = JSON.stringify({
      type: 'candle',
      stream,
      candle: {
        exchange: 'binance',
        market: 'spot',
        symbol: k.s,
        interval: k.i,
        openTime: k.t,
        closeTime: k.T,
        open: +k.o,
        high: +k.h,
        low: +k.l,
        close: +k.c,
        volume: +k.v,
        quoteVolume: +k.q,
        trades: k.n,
        closed: k.x,
      },
      source: 'live',
    });
    for (const client of clients) client.send(text);
  },
);
server.on('connection', (socket) => {
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.op !== 'subscribe') return;
    for (const stream of message.streams) members.get(stream)?.add(socket);
    socket.send(JSON.stringify({ type: 'subscribed', id: message.id, streams: message.streams }));
  });
  socket.on('close', () => {
    for (const clients of members.values()) clients.delete(socket);
  });
});
serveBench(server);
