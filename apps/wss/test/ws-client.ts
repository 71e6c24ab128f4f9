import type { Socket } from 'node:net';
import WebSocket from 'ws';

export type Message = Record<string, unknown> & { type?: string };

export interface TestClient {
  readonly socket: WebSocket;
  /** Every text message received, parsed. */
  readonly messages: Message[];
  /** The raw text of every message, in order. */
  readonly raw: string[];
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
  sendRaw(data: string | Buffer, options?: { binary?: boolean }): void;
  waitFor(predicate: (messages: Message[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Stop reading from the socket (the kernel buffers fill, the server's sends back up). */
  pause(): void;
  resume(): void;
  close(): void;
}

export function connectClient(url: string, headers: Record<string, string> = {}): Promise<TestClient> {
  const socket = new WebSocket(url, { headers });
  const messages: Message[] = [];
  const raw: string[] = [];
  const checks = new Set<() => void>();
  socket.on('message', (data) => {
    const text = data.toString();
    raw.push(text);
    messages.push(JSON.parse(text) as Message);
    for (const check of checks) check();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const check of checks) check();
    }),
  );
  const client: TestClient = {
    socket,
    messages,
    raw,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    sendRaw: (data, options) => socket.send(data, { binary: options?.binary ?? false }),
    waitFor(predicate, timeoutMs = 10_000) {
      if (predicate(messages)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (!predicate(messages)) return;
          checks.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          checks.delete(check);
          reject(
            new Error(`condition not met within ${timeoutMs} ms; last messages: ${raw.slice(-5).join('\n')}`),
          );
        }, timeoutMs);
        checks.add(check);
      });
    },
    pause: () => (socket as unknown as { _socket: Socket })._socket.pause(),
    resume: () => (socket as unknown as { _socket: Socket })._socket.resume(),
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('error', reject);
  });
}

export function closedCandles(
  messages: Message[],
): Array<{ stream: string; candle: Record<string, unknown> }> {
  return messages
    .filter((message) => message.type === 'candle' && (message.candle as { closed: boolean }).closed)
    .map((message) => ({
      stream: message.stream as string,
      candle: message.candle as Record<string, unknown>,
    }));
}

/** Polls `condition` every 10 ms (for state only observable by asking, e.g. a simulator's counters). */
export async function until(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
