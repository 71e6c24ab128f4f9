import { describeBusConformance } from '@ohlcv/bus/conformance';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createRedisBus } from '../src/redis-bus';
import { type RedisServer, redisUnavailable, startRedisServer } from '../src/redis-server-process';

const unavailable = redisUnavailable();
if (unavailable !== undefined && process.env.CI === 'true') throw new Error(`CI=true: ${unavailable}`);

if (unavailable === undefined) {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  describeBusConformance('redis', {
    createBus: (options) => createRedisBus(server.url, { ...options, maxReconnectDelayMs: 200 }),
    // Cut every client connection; the data stays.
    interrupt: async () => {
      const admin = new Redis(server.url);
      await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
      await admin.quit();
    },
  });
} else {
  describe('CandleBus conformance: redis', () => {
    it('could not run: needs a redis-server binary', (context) => {
      context.skip(unavailable);
    });
  });
}
