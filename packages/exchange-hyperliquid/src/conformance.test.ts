import { startHyperliquidSimulator } from '@ohlcv/testkit';
import { runConformanceSuite } from '@ohlcv/testkit/conformance';
import { hyperliquid } from './index';

runConformanceSuite({
  adapter: hyperliquid,
  markets: ['usdm', 'spot'],
  startSimulator: (market, options) =>
    startHyperliquidSimulator({
      market: market === 'spot' ? 'spot' : 'usdm',
      idleTimeoutMs: options.idleTimeoutMs,
      ...(options.quiet ? { quiet: options.quiet } : {}),
      ...(options.pushCadenceMs === undefined ? {} : { pushCadenceMs: options.pushCadenceMs }),
      ...(options.generousRealTimeLimits
        ? { limits: { newConnectionsPerMinute: 10_000, messagesPerMinute: 1_000_000 } }
        : {}),
    }),
});
