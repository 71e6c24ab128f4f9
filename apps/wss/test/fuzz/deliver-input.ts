import { connect as connectTcp } from 'node:net';
import { connectClient, type Message, type TestClient } from '../ws-client';
import type { HostileInput } from './hostile-inputs';

/** Replies that answer a request (candles and stream events do not). */
const REPLY_TYPES = new Set(['error', 'subscribed', 'unsubscribed', 'pong']);

export interface Delivery {
  /** Whether the server answered every frame or closed the connection. */
  answered: boolean;
  /** `internal_error` replies seen. */
  internalErrors: number;
  detail: string;
}

/** A persistent current-protocol connection of one fuzz worker (reopened after the server closes it). */
export class FuzzConnection {
  #client: TestClient | undefined;
  #probes = 0;

  constructor(
    readonly url: string,
    readonly name: string,
  ) {}

  async #open(): Promise<TestClient> {
    if (this.#client && this.#client.socket.readyState === this.#client.socket.OPEN) return this.#client;
    this.#client = await connectClient(this.url);
    this.#client.socket.on('error', () => {});
    return this.#client;
  }

  /** Sends the frames, then a ping probe: every frame must be answered before the probe is, or the socket close. */
  async deliver(frames: Array<string | Buffer>, binary: boolean, timeoutMs: number): Promise<Delivery> {
    const client = await this.#open();
    const start = client.messages.length;
    const closed = (): boolean => client.socket.readyState === client.socket.CLOSED;
    for (const frame of frames) client.sendRaw(frame, { binary });
    this.#probes += 1;
    const probe = `probe-${this.name}-${this.#probes}`;
    client.send({ op: 'ping', id: probe });
    const replies = (messages: Message[]): Message[] =>
      messages
        .slice(start)
        .filter((message) => REPLY_TYPES.has(String(message.type)) && message.id !== probe);
    // Subscribe replies are asynchronous (they may follow the probe's pong): wait for one per frame.
    const done = (messages: Message[]): boolean =>
      closed() ||
      (messages.slice(start).some((message) => message.id === probe) &&
        replies(messages).length >= frames.length);
    const waited = await client.waitFor(done, timeoutMs).then(
      () => true,
      () => false,
    );
    const got = replies(client.messages);
    const internalErrors = got.filter((message) => message.code === 'internal_error').length;
    const shown = frames.map((frame) => String(frame).slice(0, 160)).join(' | ');
    return {
      answered: waited,
      internalErrors,
      detail: `${got.length} replies to ${frames.length} frames within ${timeoutMs} ms: ${shown}`,
    };
  }

  close(): void {
    this.#client?.socket.terminate();
  }
}

/** A fresh connection whose first message is `frame`: answered means a message or a close. */
export async function deliverFirstMessage(url: string, frame: string, timeoutMs: number): Promise<Delivery> {
  const client = await connectClient(url);
  client.socket.on('error', () => {});
  client.sendRaw(frame);
  try {
    await Promise.race([client.waitFor((messages) => messages.length > 0, timeoutMs), client.closed]);
    const internalErrors = client.messages.filter((message) => message.code === 'internal_error').length;
    return { answered: true, internalErrors, detail: `${client.messages.length} messages` };
  } catch {
    return {
      answered: false,
      internalErrors: 0,
      detail: `nothing within ${timeoutMs} ms: ${frame.slice(0, 300)}`,
    };
  } finally {
    client.socket.terminate();
  }
}

/** Connects, sends, and drops the TCP connection at once (no close frame). */
export async function deliverAbrupt(url: string, frame: string): Promise<Delivery> {
  const client = await connectClient(url);
  client.socket.on('error', () => {});
  client.sendRaw(frame);
  client.socket.terminate();
  return { answered: true, internalErrors: 0, detail: 'dropped by the client' };
}

/** Raw bytes to the port: the server must answer something or close within `timeoutMs`. */
export function deliverRaw(port: number, data: Buffer, timeoutMs: number): Promise<Delivery> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    const finish = (answered: boolean, detail: string): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answered, internalErrors: 0, detail });
    };
    const timer = setTimeout(() => finish(false, `no answer or close within ${timeoutMs} ms`), timeoutMs);
    socket.on('error', () => finish(true, 'connection reset'));
    socket.once('data', () => finish(true, 'answered'));
    socket.once('close', () => finish(true, 'closed'));
    socket.write(data);
  });
}

/** Sends request headers one line per `stepMs`, never ending them; resolves once the server cuts it. */
export function deliverSlowloris(port: number, stepMs: number, timeoutMs: number): Promise<Delivery> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    const started = Date.now();
    const finish = (answered: boolean, detail: string): void => {
      clearInterval(drip);
      clearTimeout(timer);
      socket.destroy();
      resolve({ answered, internalErrors: 0, detail });
    };
    const drip = setInterval(() => socket.write(`X-Slow-${Date.now() - started}: 1\r\n`), stepMs);
    const timer = setTimeout(() => finish(false, `slowloris still open after ${timeoutMs} ms`), timeoutMs);
    socket.on('error', () => finish(true, 'reset'));
    socket.once('close', () => finish(true, `cut after ${Date.now() - started} ms`));
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n');
  });
}

export type { HostileInput };
