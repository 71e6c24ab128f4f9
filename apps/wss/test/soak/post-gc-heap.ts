import WebSocket from 'ws';

/**
 * The server's heap right after a full garbage collection, read over the V8 inspector: the soak
 * starts the server with `--inspect=127.0.0.1:0` (NODE_OPTIONS) and asks it, at each sample, to
 * collect garbage and report `process.memoryUsage().heapUsed`. Unlike a heap figure scraped between
 * collections, this is the live size: it only rises when something is retained.
 */
export interface PostGcHeap {
  /** Heap used after a full GC, in bytes. */
  sample(): Promise<number>;
  close(): void;
}

/** NODE_OPTIONS for a server the soak can read post-GC heap from (the inspector on a free local port). */
export const INSPECTOR_NODE_OPTIONS = '--inspect=127.0.0.1:0';

const LISTENING = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/;

/** The inspector URL the server printed on stderr (waits up to `timeoutMs`). */
export async function inspectorUrl(stderr: readonly string[], timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const url = LISTENING.exec(stderr.join(''))?.[1];
    if (url !== undefined) return url;
    if (Date.now() > deadline) throw new Error(`no inspector URL on the server's stderr: ${stderr.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function connectPostGcHeap(url: string): Promise<PostGcHeap> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 0;
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter || message.id === undefined) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`inspector: ${message.error.message}`));
    else waiter.resolve(message.result);
  });
  socket.on('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('inspector connection closed'));
    pending.clear();
  });
  const call = (method: string, params: Record<string, unknown> = {}): Promise<unknown> =>
    new Promise((resolve, reject) => {
      nextId += 1;
      pending.set(nextId, { resolve, reject });
      socket.send(JSON.stringify({ id: nextId, method, params }));
    });
  return {
    async sample() {
      await call('HeapProfiler.collectGarbage');
      const result = (await call('Runtime.evaluate', {
        expression: 'process.memoryUsage().heapUsed',
        returnByValue: true,
      })) as { result?: { value?: unknown } };
      const value = result.result?.value;
      if (typeof value !== 'number') throw new Error(`inspector: heapUsed is ${JSON.stringify(value)}`);
      return value;
    },
    close() {
      socket.close();
    },
  };
}
