import type { Candle } from '@ohlcv/core';
import { FormatRegistry } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { afterAll, describe, expect, it } from 'vitest';
import { LEGACY_SERVER_SCHEMAS, SERVER_SCHEMAS } from '../src/protocol/server-schemas';
import type { WssServer } from '../src/wss-server';
import { recordingLogger, StubFeed, startStubServer } from './stub-feed';
import { connectClient, type Message } from './ws-client';

const STREAM = 'binance:spot:BTCUSDT:1m';
// JSON Schema's date-time (RFC 3339), as the legacy quote's times are published.
FormatRegistry.Set('date-time', (value) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value));
let server: WssServer | undefined;

afterAll(async () => {
  await server?.close({ timeoutMs: 500 });
});

function candle(closed: boolean): Candle {
  return {
    exchange: 'binance',
    market: 'spot',
    symbol: 'BTCUSDT',
    interval: '1m',
    openTime: 1_767_225_600_000,
    closeTime: 1_767_225_659_999,
    open: 1,
    high: 2,
    low: 0.5,
    close: 1.5,
    volume: 3,
    trades: 7,
    closed,
  };
}

/** The name of every schema `message` matches (a message must match exactly one). */
function matching(
  message: Message,
  schemas: Record<string, ReturnType<typeof TypeCompiler.Compile>>,
): string[] {
  return Object.entries(schemas)
    .filter(([, check]) => check.Check(message))
    .map(([name]) => name);
}

/** Each message matches exactly one schema; returns the names matched, sorted. */
function schemasMatched(messages: Message[], schemas: typeof SERVER_SCHEMAS): string[] {
  const checks = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, TypeCompiler.Compile(schema)]),
  );
  const seen = new Set<string>();
  for (const message of messages) {
    const names = matching(message, checks);
    expect(names, JSON.stringify(message)).toHaveLength(1);
    seen.add(names[0] as string);
  }
  return [...seen].sort();
}

describe('what the server sends matches the published schemas', () => {
  it('every message type of both protocols', async () => {
    const feed = new StubFeed();
    server = await startStubServer(feed, recordingLogger());
    const url = `ws://127.0.0.1:${server.port}`;
    const client = await connectClient(url);
    client.send({ op: 'ping', id: 1 });
    client.send({ op: 'subscribe', id: 's', streams: [STREAM, 'binance:nope:X:1m'] });
    await client.waitFor((messages) => messages.some((m) => m.type === 'subscribed'));
    const batched = await connectClient(url);
    batched.send({ op: 'subscribe', id: 'b', streams: [STREAM], batchMs: 5 });
    await batched.waitFor((messages) => messages.some((m) => m.type === 'subscribed'));
    const legacy = await connectClient(url);
    legacy.send({ exchange: 'binance', contract_type: 'spot', symbols: ['BTCUSDT'], limit: 0 });
    await legacy.waitFor((messages) => messages.some((m) => m.type === 'subscribed'));
    for (const event of [
      { type: 'candle', stream: STREAM, candle: candle(false), source: 'live', receivedAt: 0 },
      { type: 'candle', stream: STREAM, candle: candle(true), source: 'live', receivedAt: 0 },
      { type: 'stalled', stream: STREAM, silentMs: 90_000 },
      { type: 'recovered', stream: STREAM },
      { type: 'gap', stream: STREAM, from: 1, to: 2, reason: 'beyond the venue history' },
    ] as const) {
      feed.emit(STREAM, event);
    }
    legacy.send({ op: 'ping' });
    client.send({ op: 'unsubscribe', id: 'u', streams: [STREAM] });
    await client.waitFor((messages) => messages.some((m) => m.type === 'unsubscribed'));
    await legacy.waitFor((messages) => messages.some((m) => m.type === 'error'));
    await batched.waitFor((messages) => messages.some((m) => m.type === 'batch'));

    expect(schemasMatched([...client.messages, ...batched.messages], SERVER_SCHEMAS)).toEqual(
      Object.keys(SERVER_SCHEMAS).sort(),
    );
    // Each event of a batch is one of the stream messages, exactly as an unbatched client gets them
    // (the open update and its close fell in one window: the closed candle superseded the update).
    const events = batched.messages.flatMap((m) => (m.type === 'batch' ? (m.events as Message[]) : []));
    expect(schemasMatched(events, SERVER_SCHEMAS)).toEqual(['candle', 'gap', 'recovered', 'stalled']);
    const streamMessages = client.messages.filter((m) =>
      ['candle', 'stalled', 'recovered', 'gap'].includes(m.type ?? ''),
    );
    expect(events).toEqual(streamMessages.slice(1));
    expect(schemasMatched(legacy.messages, LEGACY_SERVER_SCHEMAS)).toEqual(
      Object.keys(LEGACY_SERVER_SCHEMAS).sort(),
    );
    client.close();
    batched.close();
    legacy.close();
  });
});
