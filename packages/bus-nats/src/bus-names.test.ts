import { describe, expect, it } from 'vitest';
import { busNames, streamSubjects } from './bus-names';

describe('bus names', () => {
  it('derives streams, subjects and buckets from the namespace', () => {
    expect(busNames('ohlcv')).toEqual({
      namespace: 'ohlcv',
      closedStream: 'OHLCV',
      openStream: 'OHLCV_OPEN',
      closedSubjects: 'ohlcv.*.*.*.*',
      openSubjects: 'ohlcv-open.*.*.*.*',
      leaseBucket: 'OHLCV_LEASES',
      demandBucket: 'OHLCV_DEMAND',
    });
  });

  it('puts a stream key on one subject per kind, market aliases resolved', () => {
    expect(streamSubjects(busNames('ohlcv'), 'hyperliquid:perp:xyz:XYZ100:1M')).toEqual({
      key: 'hyperliquid:usdm:xyz:XYZ100:1M',
      closed: 'ohlcv.hyperliquid.usdm.xyz=3AXYZ100.1M',
      open: 'ohlcv-open.hyperliquid.usdm.xyz=3AXYZ100.1M',
      kvKey: 'hyperliquid.usdm.xyz=3AXYZ100.1M',
    });
  });

  it('refuses a namespace that is not a lower-case token, naming it', () => {
    expect(() => busNames('OHLCV')).toThrow(/invalid bus namespace "OHLCV"/);
    expect(() => busNames('a.b')).toThrow(/"a\.b"/);
    expect(() => busNames('')).toThrow(/""/);
  });
});
