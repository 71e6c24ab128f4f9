import { OhlcvError } from '@ohlcv/core';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, StubFeed, startStubServer, TEST_LIMITS } from '../test/stub-feed';
import { connectClient, type TestClient } from '../test/ws-client';
import type { WssServer } from './wss-server';

let server: WssServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.close({ timeoutMs: 500 });
  server = undefined;
});

async function connect(url: string): Promise<TestClient> {
  const client = await connectClient(url);
  clients.push(client);
  return client;
}

describe('ohlcv-wss message handling', () => {
  it('answers an unexpected failure with internal_error, logs it and keeps serving', async () => {
    const feed = new StubFeed();
    const logger = recordingLogger();
    server = await startStubServer(feed, logger);
    const client = await connect(`ws://127.0.0.1:${server.port}`);
    feed.subscribeError = new Error('boom inside the engine');
    client.send({ op: 'subscribe', id: 'x', streams: ['binance:spot:BTCUSDT:1m'] });
    await client.waitFor((messages) => messages.some((m) => m.code === 'internal_error'));
    expect(logger.records.some((r) => r.level === 'error' && String(r.object.err).includes('boom'))).toBe(
      true,
    );
    feed.subscribeError = undefined;
    client.send({ op: 'ping', id: 'after' });
    await client.waitFor((messages) => messages.some((m) => m.type === 'pong' && m.id === 'after'));
  });

  it('answers 30,000 nested arrays in every field and stays up', async () => {
    server = await startStubServer(new StubFeed(), recordingLogger());
    const client = await connect(`ws://127.0.0.1:${server.port}`);
    const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    const frames = [
      `{"op":"subscribe","id":"s","streams":[${deep}]}`,
      `{"op":"ping","id":${deep}}`,
      `{"op":${deep}}`,
      `{"op":"subscribe","id":"h","streams":["binance:spot:BTCUSDT:1m"],"history":${deep}}`,
    ];
    for (const frame of frames) client.sendRaw(frame);
    await client.waitFor((messages) => messages.filter((m) => m.type === 'error').length === frames.length);
    client.send({ op: 'ping', id: 'alive' });
    await client.waitFor((messages) => messages.some((m) => m.type === 'pong' && m.id === 'alive'));
  });
});

describe('ohlcv-wss stream failures', () => {
  it('tells every client and logs nothing above debug (the engine logs the failure once)', async () => {
    const feed = new StubFeed();
    const logger = recordingLogger();
    server = await startStubServer(feed, logger);
    const url = `ws://127.0.0.1:${server.port}`;
    const [a, b] = [await connect(url), await connect(url)];
    for (const client of [a, b]) {
      client.send({ op: 'subscribe', streams: ['binance:spot:BTCUSDT:1m'] });
      await client.waitFor((messages) => messages.some((m) => m.type === 'subscribed'));
    }
    const before = logger.records.length;
    feed.emit('binance:spot:BTCUSDT:1m', {
      type: 'error',
      stream: 'binance:spot:BTCUSDT:1m',
      error: new OhlcvError('delisted', { code: 'symbol_rejected' }),
    });
    for (const client of [a, b])
      await client.waitFor((messages) => messages.some((m) => m.code === 'unknown_symbol'));
    const lines = logger.records.slice(before).filter((record) => record.level !== 'debug');
    expect(lines.filter((record) => JSON.stringify(record).includes('BTCUSDT'))).toEqual([]);
  });
});

describe('ohlcv-wss stream events', () => {
  it('sends stalled, recovered and gap to the clients and leaves logging them to the engine (once)', async () => {
    const feed = new StubFeed();
    const logger = recordingLogger();
    server = await startStubServer(feed, logger);
    const client = await connect(`ws://127.0.0.1:${server.port}`);
    const stream = 'binance:spot:BTCUSDT:1m';
    client.send({ op: 'subscribe', streams: [stream] });
    await client.waitFor((messages) => messages.some((m) => m.type === 'subscribed'));
    const before = logger.records.length;
    feed.emit(stream, { type: 'stalled', stream, silentMs: 90_000 });
    feed.emit(stream, { type: 'recovered', stream });
    feed.emit(stream, { type: 'gap', stream, from: 1, to: 2, reason: 'beyond the venue history' });
    await client.waitFor((messages) => messages.some((m) => m.type === 'gap'));
    expect(client.messages.map((m) => m.type)).toEqual(['subscribed', 'stalled', 'recovered', 'gap']);
    expect(
      logger.records.slice(before).filter((record) => JSON.stringify(record).includes('BTCUSDT')),
    ).toEqual([]);
  });
});

describe('ohlcv-wss limits and hygiene', () => {
  it('caps connections per address with 429, and frees the slot when one closes', async () => {
    server = await startStubServer(new StubFeed(), recordingLogger(), { maxClientsPerAddress: 3 });
    const url = `ws://127.0.0.1:${server.port}`;
    const first = await connect(url);
    await connect(url);
    await connect(url);
    await expect(connectClient(url)).rejects.toThrow(/429/);
    first.close();
    await first.closed;
    // The slot frees once the server has seen the TCP close, a moment after the client's close event.
    let reconnected: TestClient | undefined;
    for (let attempt = 0; reconnected === undefined && attempt < 200; attempt += 1) {
      reconnected = await connectClient(url).catch(() => undefined);
      if (reconnected === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(reconnected).toBeDefined();
    if (reconnected) clients.push(reconnected);
  });

  it('closes a client that subscribes to nothing within the idle timeout, not one that does', async () => {
    server = await startStubServer(new StubFeed(), recordingLogger(), { idleTimeoutMs: 300 });
    const url = `ws://127.0.0.1:${server.port}`;
    const busy = await connect(url);
    busy.send({ op: 'subscribe', streams: ['binance:spot:BTCUSDT:1m'] });
    await busy.waitFor((messages) => messages.some((m) => m.type === 'subscribed'));
    const idle = await connect(url);
    const closed = await idle.closed;
    expect(closed).toEqual({ code: 4001, reason: 'idle: no subscription for 300 ms' });
    expect(busy.socket.readyState).toBe(busy.socket.OPEN);
  });

  it('caps upstream streams over all clients', async () => {
    const feed = new StubFeed();
    server = await startStubServer(feed, recordingLogger(), { maxUpstreams: 2 });
    const url = `ws://127.0.0.1:${server.port}`;
    const a = await connect(url);
    a.send({ op: 'subscribe', id: 1, streams: ['binance:spot:BTCUSDT:1m', 'binance:spot:ETHUSDT:1m'] });
    await a.waitFor((messages) => messages.some((m) => m.type === 'subscribed'));
    const b = await connect(url);
    b.send({ op: 'subscribe', id: 2, streams: ['binance:spot:BTCUSDT:1m', 'binance:spot:SOLUSDT:1m'] });
    await b.waitFor((messages) => messages.some((m) => m.type === 'subscribed'));
    expect(b.messages).toContainEqual(
      expect.objectContaining({
        type: 'error',
        id: 2,
        code: 'too_many_upstreams',
        stream: 'binance:spot:SOLUSDT:1m',
      }),
    );
    expect(b.messages).toContainEqual({ type: 'subscribed', id: 2, streams: ['binance:spot:BTCUSDT:1m'] });
    expect(feed.openStreams().sort()).toEqual(['binance:spot:BTCUSDT:1m', 'binance:spot:ETHUSDT:1m']);
  });

  it("bounds a client's history joins per minute with a clear error", async () => {
    const feed = new StubFeed();
    server = await startStubServer(feed, recordingLogger(), {
      limits: { ...TEST_LIMITS, maxHistoryJoinsPerMinute: 3 },
    });
    const client = await connect(`ws://127.0.0.1:${server.port}`);
    const stream = 'binance:spot:BTCUSDT:1m';
    for (let round = 0; round < 4; round += 1) {
      client.send({ op: 'subscribe', id: `s${round}`, streams: [stream], history: 500 });
      await client.waitFor((messages) => messages.some((m) => m.id === `s${round}`));
      client.send({ op: 'unsubscribe', id: `u${round}`, streams: [stream] });
      await client.waitFor((messages) => messages.some((m) => m.id === `u${round}`));
    }
    const refused = client.messages.find((m) => m.id === 's3');
    expect(refused).toMatchObject({ type: 'error', code: 'history_limited' });
    expect(String(refused?.message)).toMatch(/limited to 3 streams per client per minute: retry in \d+ s/);
    expect(feed.subscriptions.filter((entry) => (entry.options?.history ?? 0) > 0)).toHaveLength(3);
    client.send({ op: 'subscribe', id: 'live', streams: [stream] });
    await client.waitFor((messages) => messages.some((m) => m.type === 'subscribed' && m.id === 'live'));
  });

  it('echoes the request id in rate_limited', async () => {
    server = await startStubServer(new StubFeed(), recordingLogger(), {
      limits: { ...TEST_LIMITS, maxOpsPerSecond: 2 },
    });
    const client = await connect(`ws://127.0.0.1:${server.port}`);
    for (let index = 0; index < 5; index += 1) client.send({ op: 'ping', id: `p${index}` });
    await client.waitFor((messages) => messages.length === 5);
    expect(client.messages.filter((m) => m.code === 'rate_limited').map((m) => m.id)).toEqual([
      'p2',
      'p3',
      'p4',
    ]);
  });

  it('answers object-prototype names as market or contract type with unknown_market', async () => {
    server = await startStubServer(new StubFeed(), recordingLogger());
    const url = `ws://127.0.0.1:${server.port}`;
    const client = await connect(url);
    client.send({
      op: 'subscribe',
      id: 'p',
      streams: [
        { exchange: 'binance', market: 'constructor', symbol: 'BTCUSDT', interval: '1m' },
        'binance:__proto__:BTCUSDT:1m',
        'binance:toString:BTCUSDT:1m',
      ],
    });
    await client.waitFor((messages) => messages.length === 3);
    expect(client.messages.map((m) => m.code)).toEqual([
      'unknown_market',
      'unknown_market',
      'unknown_market',
    ]);
    const legacy = await connect(url);
    legacy.send({ exchange: 'binance', contract_type: '__proto__', symbols: ['BTCUSDT'] });
    await legacy.waitFor((messages) => messages.some((m) => m.code === 'unknown_market'));
  });

  it('logs failed authentication at most once per period, with the count suppressed', async () => {
    const logger = recordingLogger();
    server = await startStubServer(new StubFeed(), logger, { token: 'a-long-enough-secret' });
    const url = `ws://127.0.0.1:${server.port}`;
    for (let index = 0; index < 30; index += 1) await expect(connectClient(url)).rejects.toThrow(/401/);
    const lines = logger.records.filter((r) => r.message === 'client refused: missing or wrong token');
    expect(lines).toHaveLength(1);
    const good = await connectClient(`${url}/?token=a-long-enough-secret`);
    clients.push(good);
  });
});
