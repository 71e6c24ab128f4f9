import { runConformanceSuite } from '@ohlcv/testkit/conformance';
import { startToySimulator, toy } from './index';

runConformanceSuite({
  adapter: toy,
  markets: ['spot'],
  startSimulator: (market, options) =>
    startToySimulator({
      market,
      idleTimeoutMs: options.idleTimeoutMs,
      ...(options.pushCadenceMs === undefined ? {} : { pushCadenceMs: options.pushCadenceMs }),
    }),
});
