/**
 * A WebSocket client for simulator tests: records every text frame and lets a test await a frame or
 * the close, instead of sleeping.
 *
 * How a venue simulator's tests use it:
 *   const client = await connectTestClient(`${sim.wsBase}/ws`);
 *   client.sendJson({ method: 'SUBSCRIBE', params: ['btcusdt@kline_1m'], id: 1 });
 *   expect(await client.nextJson((m) => m.id === 1)).toEqual({ result: null, id: 1 });
 *   const { code, reason } = await client.closed;
 */
import WebSocket, { type ClientOptions } from 'ws';

export interface TestClientClose {
  code: number;
  reason: string;
}

export interface TestClient {
  readonly socket: WebSocket;
  /** Every text frame received, in order. */
  readonly frames: string[];
  /** Frames parsed as JSON (`undefined` for frames that are not JSON). */
  json(): unknown[];
  send(text: string): void;
  sendJson(value: unknown): void;
  /** Resolves with the first frame (already received or future) after `fromIndex` matching `predicate`. */
  next(
    predicate: (frame: string) => boolean,
    options?: { timeoutMs?: number; fromIndex?: number },
  ): Promise<string>;
  /** Like `next`, on parsed JSON objects. */
  nextJson(
    predicate: (message: Record<string, unknown>) => boolean,
    options?: { timeoutMs?: number; fromIndex?: number },
  ): Promise<Record<string, unknown>>;
  /** Resolves when the socket closes (1006 when the server dropped it without a close frame). */
  readonly closed: Promise<TestClientClose>;
  close(): void;
}

export async function connectTestClient(url: string, options?: ClientOptions): Promise<TestClient> {
  const socket = new WebSocket(url, options);
  const frames: string[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    frames.push(data.toString());
    for (const wake of waiters) wake();
  });
  const closed = new Promise<TestClientClose>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const wake of waiters) wake();
    });
  });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`WebSocket upgrade to ${url} answered HTTP ${response.statusCode}`)),
    );
    socket.once('error', reject);
  });

  const next: TestClient['next'] = (predicate, nextOptions = {}) => {
    const timeoutMs = nextOptions.timeoutMs ?? 3_000;
    let index = nextOptions.fromIndex ?? 0;
    return new Promise<string>((resolve, reject) => {
      const check = (): void => {
        for (; index < frames.length; index += 1) {
          const frame = frames[index]!;
          if (predicate(frame)) {
            done();
            resolve(frame);
            return;
          }
        }
        if (socket.readyState === WebSocket.CLOSED) {
          done();
          reject(
            new Error(`socket closed before a matching frame; received: ${frames.slice(-5).join(' | ')}`),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(`no matching frame within ${timeoutMs} ms; last frames: ${frames.slice(-5).join(' | ')}`),
        );
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  };

  return {
    socket,
    frames,
    json: () => frames.map(parseOrUndefined),
    send: (text) => socket.send(text),
    sendJson: (value) => socket.send(JSON.stringify(value)),
    next,
    nextJson: async (predicate, nextOptions) => {
      const frame = await next((text) => {
        const parsed = parseOrUndefined(text);
        return typeof parsed === 'object' && parsed !== null && predicate(parsed as Record<string, unknown>);
      }, nextOptions);
      return JSON.parse(frame) as Record<string, unknown>;
    },
    closed,
    close: () => socket.close(),
  };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
