import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisBus } from '../src/redis-bus';
import { type RedisServer, redisUnavailable, startRedisServer } from '../src/redis-server-process';

const unavailable = redisUnavailable();
if (unavailable !== undefined && process.env.CI === 'true') throw new Error(`CI=true: ${unavailable}`);
const KEY = 'binance:spot:BTCUSDT:1m';
const candle = (index: number) => ({
  exchange: 'binance' as const,
  market: 'spot' as const,
  symbol: 'BTCUSDT',
  interval: '1m' as const,
  openTime: 1_767_225_600_000 + index * 60_000,
  closeTime: 1_767_225_600_000 + index * 60_000 + 59_999,
  open: 1,
  high: 2,
  low: 0.5,
  close: 1 + index,
  volume: 10,
  closed: true,
});

describe('RedisBus on a real redis-server', () => {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    if (unavailable === undefined) server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('stores closed candles under entry ids <openTime>-0, so Redis itself refuses a second copy', async (context) => {
    if (server === undefined) return context.skip(unavailable);
    const bus = await createRedisBus(server.url, { namespace: 'ids' });
    await bus.publishClosed(KEY, [candle(0), candle(1)]);
    await bus.publishClosed(KEY, [candle(1), { ...candle(1), close: 999 }, candle(2)]);
    const raw = new Redis(server.url);
    const entries = await raw.xrange(`ids:closed:${KEY}`, '-', '+');
    expect(entries.map(([id]) => id)).toEqual([0, 1, 2].map((index) => `${candle(index).openTime}-0`));
    await expect(raw.xadd(`ids:closed:${KEY}`, `${candle(1).openTime}-0`, 'c', '{}')).rejects.toThrow(
      /equal or smaller/,
    );
    expect((await bus.recentClosed(KEY, 10))[1]?.close).toBe(2);
    await bus.publishOpen(KEY, { ...candle(3), closed: false });
    await bus.publishOpen(KEY, { ...candle(3), close: 7, closed: false });
    expect(await raw.xlen(`ids:open:${KEY}`)).toBe(1);
    await raw.quit();
    await bus.close();
  });

  it('refuses a wrong URL and names an unreachable server', async (context) => {
    if (server === undefined) return context.skip(unavailable);
    await expect(createRedisBus('nats://127.0.0.1:4222')).rejects.toThrow(
      'invalid Redis bus URL "nats://127.0.0.1:4222": the scheme must be redis: or rediss:',
    );
    await expect(createRedisBus('redis://127.0.0.1:1', { connectTimeoutMs: 2_000 })).rejects.toThrow(
      'cannot reach the Redis bus at redis://127.0.0.1:1',
    );
    await expect(createRedisBus(server.url, { namespace: 'a b' })).rejects.toThrow(
      'invalid bus namespace "a b"',
    );
  });

  it('reports the server going away and coming back empty; a follow resumes after its cursor', async (context) => {
    if (server === undefined) return context.skip(unavailable);
    const writer = await createRedisBus(server.url, { namespace: 'restart', maxReconnectDelayMs: 100 });
    const reader = await createRedisBus(server.url, { namespace: 'restart', maxReconnectDelayMs: 100 });
    const seen: number[] = [];
    const statuses: string[] = [];
    reader.onStatus((status) => statuses.push(status.type));
    await writer.publishClosed(KEY, [candle(0), candle(1)]);
    const follow = reader.follow(KEY, candle(0).openTime, {
      closed: (entry) => seen.push(entry.close),
      open: () => undefined,
    });
    await expect.poll(() => seen, { timeout: 10_000 }).toEqual([2]);
    await server.restart();
    await expect.poll(() => statuses, { timeout: 10_000 }).toEqual(['disconnected', 'connected']);
    await expect.poll(() => writer.connected, { timeout: 10_000 }).toBe(true);
    // The empty server gets the candles again (a worker republishes its cache) and new ones.
    await writer.publishClosed(KEY, [candle(0), candle(1), candle(2), candle(3)]);
    await expect.poll(() => seen, { timeout: 10_000 }).toEqual([2, 3, 4]);
    await follow.close();
    await Promise.all([writer.close(), reader.close()]);
  });
});
