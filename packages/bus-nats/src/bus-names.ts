import { parseStreamKey, streamKey } from '@ohlcv/core';
import { encodeToken } from './subject-token';

/**
 * Every JetStream name one bus namespace uses. With the default namespace `ohlcv`:
 * - stream `OHLCV` over `ohlcv.<exchange>.<market>.<symbol token>.<interval>` (closed candles),
 * - stream `OHLCV_OPEN` over `ohlcv-open.…` (open updates, the latest per subject, in memory),
 * - KV buckets `OHLCV_LEASES` and `OHLCV_DEMAND`.
 */
export interface BusNames {
  readonly namespace: string;
  readonly closedStream: string;
  readonly openStream: string;
  readonly closedSubjects: string;
  readonly openSubjects: string;
  readonly leaseBucket: string;
  readonly demandBucket: string;
}

export interface StreamSubjects {
  /** The stream key in canonical form (market aliases resolved). */
  readonly key: string;
  readonly closed: string;
  readonly open: string;
  /** The stream's KV key, `<exchange>.<market>.<symbol token>.<interval>`. */
  readonly kvKey: string;
}

/** Lower-case only: stream and bucket names are its upper-case form, so `a` and `A` would collide. */
const NAMESPACE = /^[a-z0-9_-]{1,32}$/;

export function busNames(namespace: string): BusNames {
  if (!NAMESPACE.test(namespace)) {
    throw new Error(`invalid bus namespace "${namespace}": expected 1-32 of a-z 0-9 _ -`);
  }
  const upper = namespace.toUpperCase();
  return {
    namespace,
    closedStream: upper,
    openStream: `${upper}_OPEN`,
    closedSubjects: `${namespace}.*.*.*.*`,
    openSubjects: `${namespace}-open.*.*.*.*`,
    leaseBucket: `${upper}_LEASES`,
    demandBucket: `${upper}_DEMAND`,
  };
}

/** The subjects of one stream key; throws an error naming the key when it is not one. */
export function streamSubjects(names: BusNames, key: string): StreamSubjects {
  const id = parseStreamKey(key);
  const kvKey = `${id.exchange}.${id.market}.${encodeToken(id.symbol)}.${id.interval}`;
  return {
    key: streamKey(id),
    closed: `${names.namespace}.${kvKey}`,
    open: `${names.namespace}-open.${kvKey}`,
    kvKey,
  };
}
