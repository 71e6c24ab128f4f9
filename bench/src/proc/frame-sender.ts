/**
 * The venue side of the ingest bench, in its own process: Binance spot REST from the simulator
 * and a WebSocket server that acks SUBSCRIBE frames and, on the command `send` (a stdin line),
 * writes `count` pre-encoded kline frames to every connected client in large raw socket writes (a
 * sender calling `send` per frame would starve the receiver and flatter it). Prints one JSON line
 * `{ wsBase, restBase }` when listening and a line `sent` after each burst.
 */
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { startBinanceSimulator } from '@ohlcv/testkit';
import { WebSocketServer } from 'ws';
import { klineFrames } from '../hot-path';

const CHUNK = 1 << 20;

/** Unmasked server-to-client text frames, back to back. */
function encodeFrames(texts: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  for (const text of texts) {
    const payload = Buffer.from(text);
    const length = payload.length;
    const header =
      length < 126
        ? Buffer.from([0x81, length])
        : Buffer.from([0x81, 126, (length >> 8) & 0xff, length & 0xff]);
    if (length > 0xffff) throw new Error(`frame of ${length} bytes is too long for this encoder`);
    parts.push(header, payload);
  }
  return Buffer.concat(parts);
}

function writeAll(socket: Socket, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    let offset = 0;
    const pump = (): void => {
      while (offset < bytes.length) {
        const chunk = bytes.subarray(offset, offset + CHUNK);
        offset += chunk.length;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
      resolve();
    };
    pump();
  });
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const wire = encodeFrames(klineFrames(count));
  const rest = await startBinanceSimulator({ market: 'spot' });
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: unknown; method?: unknown };
      if (message.method === 'SUBSCRIBE' || message.method === 'UNSUBSCRIBE') {
        socket.send(JSON.stringify({ result: null, id: message.id }));
      }
    });
  });
  const address = server.address() as { port: number };
  process.stdout.write(
    `${JSON.stringify({ wsBase: `ws://127.0.0.1:${address.port}`, restBase: rest.restBase })}\n`,
  );
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() !== 'send') return;
    const sockets = [...server.clients].map((client) => (client as unknown as { _socket: Socket })._socket);
    void Promise.all(sockets.map((socket) => writeAll(socket, wire))).then(() =>
      process.stdout.write('sent\n'),
    );
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
