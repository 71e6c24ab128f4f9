import type Redis from 'ioredis';

/** Server time in ms (scripts use the Redis clock, so expiry needs no synchronized clients). */
const NOW =
  "local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)";

const SCRIPTS = {
  /** KEYS[1] demand zset; ARGV[1] ttl ms, ARGV[2..] stream keys. A member's score is its latest expiry. */
  ohlcvAnnounce: {
    numberOfKeys: 1,
    lua: `${NOW}
local expires = now + tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'GT', expires, ARGV[i]) end
return #ARGV - 1`,
  },
  /** KEYS[1] demand zset: drops lapsed members, returns the live ones. */
  ohlcvDemanded: {
    numberOfKeys: 1,
    lua: `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')`,
  },
  /** KEYS[1] lease; ARGV[1] worker, ARGV[2] ttl ms: compare-and-renew. */
  ohlcvRenew: {
    numberOfKeys: 1,
    lua: `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`,
  },
  /** KEYS[1] lease; ARGV[1] worker: compare-and-delete. */
  ohlcvRelease: {
    numberOfKeys: 1,
    lua: `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  },
} as const;

export interface BusScripts {
  ohlcvAnnounce(demandKey: string, ttlMs: number, ...keys: string[]): Promise<number>;
  ohlcvDemanded(demandKey: string): Promise<string[]>;
  ohlcvRenew(leaseKey: string, workerId: string, ttlMs: number): Promise<number>;
  ohlcvRelease(leaseKey: string, workerId: string): Promise<number>;
}

/** Registers the bus's Lua scripts on a connection (EVALSHA, loaded on first use). */
export function withBusScripts(redis: Redis): Redis & BusScripts {
  for (const [name, script] of Object.entries(SCRIPTS)) redis.defineCommand(name, script);
  return redis as Redis & BusScripts;
}
