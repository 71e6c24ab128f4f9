import { afterEach, describe, expect, it } from 'vitest';
import { connectTestClient, type TestClient } from '../sim/test-client';
import { type HyperliquidSimulator, startHyperliquidSimulator } from './hyperliquid-simulator';

const T0 = Date.UTC(2026, 0, 1);
const BTC_1M = { method: 'subscribe', subscription: { type: 'candle', coin: 'BTC', interval: '1m' } };

type Data = Record<string, unknown>;

describe('Hyperliquid simulator /ws', () => {
  let sim: HyperliquidSimulator;
  const clients: TestClient[] = [];

  async function connect(): Promise<TestClient> {
    const client = await connectTestClient(`${sim.wsBase}/ws`);
    clients.push(client);
    return client;
  }

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await sim.close();
  });

  it('acks a candle subscription echoing the normalised subscription, then pushes without a closed flag', async () => {
    sim = await startHyperliquidSimulator();
    const client = await connect();
    client.sendJson(BTC_1M);
    const ackFrame = await client.next((frame) => frame.includes('subscriptionResponse'));
    expect(ackFrame).toBe(
      '{"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":{"type":"candle","interval":"1m","coin":"BTC"}}}',
    );
    await sim.clock.advance(3_000);
    const push = await client.nextJson((message) => message.channel === 'candle');
    const data = push.data as Data;
    expect(Object.keys(data)).toEqual(['t', 'T', 's', 'i', 'o', 'c', 'h', 'l', 'v', 'n']);
    expect(data).toMatchObject({ t: T0, T: T0 + 59_999, s: 'BTC', i: '1m' });
    expect(typeof data.o).toBe('string');
    expect(typeof data.n).toBe('number');
    expect(data).not.toHaveProperty('x');
    expect(client.frames.indexOf(ackFrame)).toBeLessThan(
      client.frames.findIndex((frame) => frame.includes('"channel":"candle"')),
    );
  });

  it('sends the final state of a candle as its last update, then the next candle', async () => {
    sim = await startHyperliquidSimulator();
    const client = await connect();
    client.sendJson(BTC_1M);
    await client.next((frame) => frame.includes('subscriptionResponse'));
    await sim.clock.advance(61_000);
    await client.nextJson(
      (message) => message.channel === 'candle' && (message.data as Data).t === T0 + 60_000,
    );
    const candles = client
      .json()
      .filter((message): message is Data => (message as Data)?.channel === 'candle');
    const first = candles.filter((message) => (message.data as Data).t === T0).pop()!.data as Data;
    const final = sim.candleAt('BTC', '1m', T0)!;
    expect(Number(first.c)).toBe(final.close);
    expect(Number(first.h)).toBe(final.high);
    expect(Number(first.v)).toBe(final.volume);
    expect(first.n).toBe(final.trades);
  });

  it('withholds final updates when asked and has no candle for quiet intervals', async () => {
    sim = await startHyperliquidSimulator({
      finalUpdates: false,
      quiet: (_coin, _interval, openTime) => openTime === T0 + 60_000,
    });
    const client = await connect();
    client.sendJson(BTC_1M);
    await client.next((frame) => frame.includes('subscriptionResponse'));
    await sim.clock.advance(3 * 60_000 + 1_000);
    await client.nextJson(
      (message) => message.channel === 'candle' && (message.data as Data).t === T0 + 180_000,
    );
    const openTimes = new Set(
      client
        .json()
        .filter((message) => (message as Data)?.channel === 'candle')
        .map((message) => ((message as Data).data as Data).t),
    );
    expect([...openTimes]).toEqual([T0, T0 + 120_000, T0 + 180_000]);
    expect(sim.candleAt('BTC', '1m', T0 + 60_000)).toBeUndefined();
  });

  it('answers a duplicate with "Already subscribed", unsubscribes, and "Already unsubscribed"', async () => {
    sim = await startHyperliquidSimulator();
    const client = await connect();
    client.sendJson(BTC_1M);
    client.sendJson({ method: 'subscribe', subscription: { interval: '1m', coin: 'BTC', type: 'candle' } });
    expect(await client.nextJson((message) => message.channel === 'error')).toEqual({
      channel: 'error',
      data: 'Already subscribed: {"type":"candle","interval":"1m","coin":"BTC"}',
    });
    expect(sim.subscriptionCount()).toBe(1);
    client.sendJson({ ...BTC_1M, method: 'unsubscribe' });
    expect(await client.nextJson((message) => (message.data as Data)?.method === 'unsubscribe')).toEqual({
      channel: 'subscriptionResponse',
      data: { method: 'unsubscribe', subscription: { type: 'candle', interval: '1m', coin: 'BTC' } },
    });
    expect(sim.subscriptionCount()).toBe(0);
    client.sendJson({ ...BTC_1M, method: 'unsubscribe' });
    await client.nextJson((message) => String(message.data).startsWith('Already unsubscribed: '));
  });

  it('answers malformed requests with the parse error quoting the frame, and keeps the socket', async () => {
    sim = await startHyperliquidSimulator();
    const client = await connect();
    const bad = [
      'not json',
      '{"method":"subscribe"}',
      '{"method":"subscribe","subscription":{"type":"nope","coin":"BTC"}}',
      '{"method":"subscribe","subscription":{"type":"candle","coin":["BTC"],"interval":"1m"}}',
      '{"method":"subscribe","subscription":{"type":"candle","coin":"BTC","interval":"6h"}}',
      '{"method":"jump"}',
    ];
    for (const frame of bad) {
      client.send(frame);
      expect(
        await client.nextJson(
          (message) => message.data === `Error parsing JSON into valid websocket request: ${frame}`,
        ),
      ).toMatchObject({
        channel: 'error',
      });
    }
    client.sendJson({ method: 'ping' });
    expect(await client.nextJson((message) => message.channel === 'pong')).toEqual({ channel: 'pong' });
  });

  it('drops the whole socket (1006, no reply) on an unknown or wrong-case coin', async () => {
    sim = await startHyperliquidSimulator();
    for (const coin of ['NOPE', 'btc', 'KPEPE']) {
      const client = await connect();
      client.sendJson(BTC_1M);
      await client.next((frame) => frame.includes('subscriptionResponse'));
      const before = client.frames.length;
      client.sendJson({ method: 'subscribe', subscription: { type: 'candle', coin, interval: '1m' } });
      expect((await client.closed).code).toBe(1006);
      expect(client.frames.length).toBe(before);
    }
    await expect.poll(() => sim.subscriptionCount()).toBe(0);
  });

  it('serves spot coins on the same socket and acks a delisted coin that then stays silent', async () => {
    sim = await startHyperliquidSimulator({ market: 'spot' });
    expect(sim.symbols).toEqual(['PURR/USDC', '@1', '@107']);
    const client = await connect();
    for (const coin of ['@107', 'PURR/USDC', 'MATIC']) {
      client.sendJson({ method: 'subscribe', subscription: { type: 'candle', coin, interval: '5m' } });
      await client.nextJson((message) => ((message.data as Data)?.subscription as Data)?.coin === coin);
    }
    await sim.clock.advance(2_000);
    await client.nextJson((message) => (message.data as Data)?.s === 'PURR/USDC');
    const coins = new Set(
      client
        .json()
        .filter((message) => (message as Data)?.channel === 'candle')
        .map((message) => ((message as Data).data as Data).s),
    );
    expect([...coins].sort()).toEqual(['@107', 'PURR/USDC']);
  });

  it('drops a socket the server sent nothing to for the idle timeout; pings keep it alive', async () => {
    sim = await startHyperliquidSimulator({ idleTimeoutMs: 300 });
    const idle = await connect();
    const pinging = await connect();
    const pings = setInterval(() => pinging.sendJson({ method: 'ping' }), 50);
    try {
      expect((await idle.closed).code).toBe(1006);
      expect(pinging.socket.readyState).toBe(pinging.socket.OPEN);
    } finally {
      clearInterval(pings);
    }
  });

  it('enforces connections and subscriptions per IP', async () => {
    sim = await startHyperliquidSimulator({ limits: { maxConnections: 2, maxSubscriptions: 2 } });
    const first = await connect();
    await connect();
    const third = await connect();
    expect((await third.closed).code).toBe(1008);
    for (const coin of ['BTC', 'ETH']) {
      first.sendJson({ method: 'subscribe', subscription: { type: 'candle', coin, interval: '1m' } });
    }
    first.sendJson({ method: 'subscribe', subscription: { type: 'candle', coin: 'kPEPE', interval: '1m' } });
    await first.nextJson((message) => message.channel === 'error' && String(message.data).includes('kPEPE'));
    expect(sim.subscriptionCount()).toBe(2);
  });

  it('closes a client that exceeds its message budget', async () => {
    sim = await startHyperliquidSimulator({ limits: { messagesPerMinute: 3 } });
    const client = await connect();
    for (let index = 0; index < 4; index++) client.sendJson({ method: 'ping' });
    expect((await client.closed).code).toBe(1008);
  });

  it('applies faults on the wire: silence, drop, duplicate', async () => {
    sim = await startHyperliquidSimulator();
    const client = await connect();
    sim.faults.silence();
    client.sendJson({ method: 'ping' });
    client.sendJson(BTC_1M);
    await expect.poll(() => sim.subscriptionCount()).toBe(1);
    await sim.clock.advance(2_000);
    sim.faults.resume();
    client.sendJson({ method: 'ping' });
    await client.nextJson((message) => message.channel === 'pong');
    expect(client.frames).toEqual(['{"channel":"pong"}']);
    sim.faults.duplicatePushes(1);
    await sim.clock.advance(1_000);
    await client.nextJson((message) => message.channel === 'candle');
    expect(client.frames.filter((frame) => frame.includes('"channel":"candle"'))).toHaveLength(2);
    sim.faults.dropConnections();
    expect((await client.closed).code).toBe(1006);
  });

  it('can send the old plain-text greeting', async () => {
    sim = await startHyperliquidSimulator({ greeting: true });
    const client = await connect();
    expect(await client.next(() => true)).toBe('Websocket connection established.');
  });
});
