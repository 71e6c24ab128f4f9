import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, StubFeed, startStubServer } from '../test/stub-feed';
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
