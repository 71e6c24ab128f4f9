import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, simulatorEnv, startServerProcess } from './server-process';
import { connectClient, type Message, until } from './ws-client';

const MINUTE = 60_000;
const STREAMS = ['binance:spot:BTCUSDT:1m', 'binance:spot:ETHUSDT:1m'];

let simulator: BinanceSimulator;
let server: ServerProcess;

beforeAll(async () => {
  simulator = await startBinanceSimulator({ market: 'spot' });
  server = await startServerProcess(['--linger-ms', '0'], simulatorEnv('SPOT', simulator));
});

afterAll(async () => {
  await server?.stop();
  await simulator?.close();
});

/** Every message as the client would handle it: a batch's events in order, other messages as they are. */
function flatten(messages: Message[]): Message[] {
  return messages.flatMap((message) =>
    message.type === 'batch' ? (message.events as Message[]) : [message],
  );
}

function closedKeys(messages: Message[]): string[] {
  return messages
    .filter((message) => message.type === 'candle' && (message.candle as { closed: boolean }).closed)
    .map((message) => `${message.stream as string}@${(message.candle as { openTime: number }).openTime}`);
}

describe('per-client batching (built server, Binance simulator, real sockets)', () => {
  it('an opted-in client gets its stream messages in batch frames (a lone one as itself), every closed candle included; others see no change', async () => {
    const plain = await connectClient(server.url);
    const batched = await connectClient(server.url);
    plain.send({ op: 'subscribe', id: 'p', streams: STREAMS });
    batched.send({ op: 'subscribe', id: 'b', streams: STREAMS, batchMs: 50 });
    await plain.waitFor((messages) => messages.some((message) => message.type === 'subscribed'));
    await batched.waitFor((messages) => messages.some((message) => message.type === 'subscribed'));
    // The reply is a plain frame and says the window is on.
    expect(batched.messages[0]).toEqual({ type: 'subscribed', id: 'b', streams: STREAMS, batchMs: 50 });
    expect(plain.messages[0]).toEqual({ type: 'subscribed', id: 'p', streams: STREAMS });
    await until(() => simulator.subscriptionCount() === 2, 10_000, 'upstreams subscribed');

    await simulator.clock.advance(6 * MINUTE);
    await plain.waitFor((messages) => closedKeys(messages).length >= 12, 30_000);
    await batched.waitFor((messages) => closedKeys(flatten(messages)).length >= 12, 30_000);
    // A ping is answered at once, as its own frame, whatever the window holds.
    batched.send({ op: 'ping', id: 'now' });
    await batched.waitFor((messages) => messages.some((message) => message.type === 'pong'));

    expect(plain.messages.some((message) => message.type === 'batch')).toBe(false);
    const frames = batched.messages.slice(1).filter((message) => message.type !== 'pong');
    expect(frames.length).toBeGreaterThan(0);
    // A window of several messages is a batch frame; a window of one is that message itself.
    expect(frames.some((message) => message.type === 'batch')).toBe(true);
    for (const message of frames) {
      if (message.type === 'batch') expect((message.events as Message[]).length).toBeGreaterThan(1);
      else expect(message.type).toBe('candle');
    }
    // Fewer frames than messages: windows held several events.
    const events = flatten(frames);
    expect(events.length).toBeGreaterThan(frames.length);
    // Nothing lost or repeated: the same closed candles in the same order as the unbatched client.
    expect(closedKeys(events).slice(0, 12)).toEqual(closedKeys(plain.messages).slice(0, 12));
    expect(new Set(closedKeys(events)).size).toBe(closedKeys(events).length);

    // Off again: later stream messages arrive as plain frames.
    batched.send({ op: 'subscribe', id: 'off', streams: [STREAMS[0]], batchMs: 0 });
    await batched.waitFor((messages) => messages.some((message) => message.id === 'off'));
    const after = batched.messages.length;
    await simulator.clock.advance(2 * MINUTE);
    await batched.waitFor((messages) => closedKeys(messages.slice(after)).length >= 2, 30_000);
    expect(batched.messages.slice(after).some((message) => message.type === 'batch')).toBe(false);
    plain.close();
    batched.close();
  });

  it('refuses a window out of range, naming the value', async () => {
    const client = await connectClient(server.url);
    client.send({ op: 'subscribe', id: 'x', streams: STREAMS, batchMs: 5_000 });
    await client.waitFor((messages) => messages.some((message) => message.type === 'error'));
    expect(client.messages[0]).toEqual({
      type: 'error',
      id: 'x',
      code: 'invalid_message',
      message: '"batchMs" must be an integer from 0 (off) to 1000 ms, got 5000',
    });
    client.close();
  });
});
