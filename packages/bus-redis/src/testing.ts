export type { RedisServer } from './redis-server-process';
export { freePort, redisUnavailable, startRedisServer } from './redis-server-process';
