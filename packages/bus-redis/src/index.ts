export { decodeCandle, encodeCandle } from './candle-codec';
export type { RedisBusOptions } from './redis-bus';
export { createRedisBus, displayRedisUrl, RedisBus } from './redis-bus';
export { RedisKeys } from './redis-keys';
