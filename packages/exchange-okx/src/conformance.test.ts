import { startOkxSimulator } from '@ohlcv/testkit';
import { runConformanceSuite } from '@ohlcv/testkit/conformance';
import { okx } from './index';

runConformanceSuite({
  adapter: okx,
  markets: ['spot', 'usdm', 'coinm'],
  startSimulator: (market, options) =>
    startOkxSimulator({
      market,
      idleTimeoutMs: options.idleTimeoutMs,
      ...(options.pushCadenceMs === undefined ? {} : { pushCadenceMs: options.pushCadenceMs }),
      ...(options.generousRealTimeLimits ? { subscribeRequestsPerHour: 1_000_000, restLimits: false } : {}),
    }),
});
