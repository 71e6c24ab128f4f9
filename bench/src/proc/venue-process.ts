/**
 * What the venue processes of the benches share (proc/frame-sender.ts, proc/fanout-streams-sender.ts):
 * Binance spot REST from the simulator, a WebSocket server that acks SUBSCRIBE frames, commands on
 * stdin lines, and the kline frame text they send.
 */
import { createInterface } from 'node:readline';
import { startBinanceSimulator } from '@ohlcv/testkit';
import { WebSocketServer } from 'ws';

/**
 * A Binance kline frame of `symbol`'s 1m candle opening at `t`, stamped with its send time `sentAt`
 * (epoch ms, µs precision) in the `v` (volume) field for latency at the far end.
 */
export function klineText(
  symbol: string,
  t: number,
  close: number,
  sentAt: string,
  trades: number,
  closed: boolean,
): string {
  return `{"stream":"${symbol.toLowerCase()}@kline_1m","data":{"e":"kline","E":${t + 1000},"s":"${symbol}","k":{"t":${t},"T":${t + 59_999},"s":"${symbol}","i":"1m","f":100,"L":200,"o":"42000.00","c":"${close.toFixed(2)}","h":"42100.00","l":"41900.00","v":"${sentAt}","n":${trades},"x":${closed},"q":"1","V":"1","Q":"1","B":"0"}}}`;
}

/** Now as epoch ms with µs precision: the send stamp of `klineText`. */
export const sentNow = (): string => (performance.timeOrigin + performance.now()).toFixed(3);

export interface Venue {
  server: WebSocketServer;
  wsBase: string;
  restBase: string;
}

/**
 * Starts the venue (REST listing `symbols`, default the simulator's) and runs `onLine` for each stdin
 * line; when stdin closes, the clients are cut and the process exits. `ready` builds the JSON line
 * printed once listening.
 */
export async function runVenue(
  symbols: string[] | undefined,
  ready: (venue: Venue) => object,
  onLine: (venue: Venue, words: string[]) => void,
): Promise<void> {
  const rest = await startBinanceSimulator({ market: 'spot', ...(symbols === undefined ? {} : { symbols }) });
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: unknown; method?: unknown };
      if (message.method === 'SUBSCRIBE' || message.method === 'UNSUBSCRIBE')
        socket.send(JSON.stringify({ result: null, id: message.id }));
    });
  });
  const address = server.address() as { port: number };
  const venue = { server, wsBase: `ws://127.0.0.1:${address.port}`, restBase: rest.restBase };
  process.stdout.write(`${JSON.stringify(ready(venue))}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => onLine(venue, line.trim().split(' ')));
  lines.on('close', () => {
    for (const client of server.clients) client.terminate();
    server.close();
    void rest.close().then(() => process.exit(0));
  });
}

/** Ends the process on a failure of `main`, its stack on stderr. */
export function exitOnFailure(error: unknown): void {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
