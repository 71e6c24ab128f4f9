/**
 * The venue of the many-streams fan-out bench, in its own process: `fanout-streams-sender.ts <streams>`.
 * Binance spot REST from the simulator listing S0USDT … S<n-1>USDT, and a WebSocket server that acks
 * SUBSCRIBE frames. On the stdin line `pace <frames> <perSecond>` it sends that many kline frames
 * round-robin over the streams at a steady rate to every connected client (a venue pushes every
 * subscribed stream on one connection), each stamped with its send time (epoch ms, µs precision) in
 * the `v` (volume) field for latency at the far end; prints `paced` when done. Prints one JSON line
 * `{ wsBase, restBase, symbols }` when listening.
 */
import { createInterface } from 'node:readline';
import { startBinanceSimulator } from '@ohlcv/testkit';
import { WebSocketServer } from 'ws';

const streams = Number(process.argv[2] ?? 50);
const symbols = Array.from({ length: streams }, (_, index) => `S${index}USDT`);
const lower = symbols.map((symbol) => symbol.toLowerCase());
/** Frames sent so far: open times continue across calls (a repeated one would be dropped as stale). */
let sentFrames = 0;

function frame(index: number): string {
  const stream = index % streams;
  const round = Math.floor(index / streams);
  const t = Date.UTC(2026, 0, 1) + Math.floor(round / 30) * 60_000;
  const sentAt = (performance.timeOrigin + performance.now()).toFixed(3);
  const symbol = symbols[stream] as string;
  return `{"stream":"${lower[stream]}@kline_1m","data":{"e":"kline","E":${t + 1000},"s":"${symbol}","k":{"t":${t},"T":${t + 59_999},"s":"${symbol}","i":"1m","f":100,"L":200,"o":"42000.00","c":"${(42_000 + (round % 97)).toFixed(2)}","h":"42100.00","l":"41900.00","v":"${sentAt}","n":${100 + round},"x":${round % 30 === 29},"q":"1","V":"1","Q":"1","B":"0"}}}`;
}

function pace(server: WebSocketServer, frames: number, perSecond: number): void {
  const first = sentFrames;
  const end = first + frames;
  sentFrames = end;
  let index = first;
  const tickMs = 5;
  const started = performance.now();
  const timer = setInterval(() => {
    // As many as the rate allows by now: a late tick catches up instead of slowing the rate.
    const due = Math.min(end, first + Math.floor(((performance.now() - started) * perSecond) / 1000));
    for (; index < due; index += 1) {
      const text = frame(index);
      for (const client of server.clients) client.send(text);
    }
    if (index >= end) {
      clearInterval(timer);
      process.stdout.write('paced\n');
    }
  }, tickMs);
}

async function main(): Promise<void> {
  const rest = await startBinanceSimulator({ market: 'spot', symbols });
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
  process.stdout.write(
    `${JSON.stringify({ wsBase: `ws://127.0.0.1:${address.port}`, restBase: rest.restBase, symbols })}\n`,
  );
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [command, framesText, perSecondText] = line.trim().split(' ');
    if (command === 'pace') pace(server, Number(framesText), Number(perSecondText));
  });
  lines.on('close', () => {
    for (const client of server.clients) client.terminate();
    server.close();
    void rest.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
