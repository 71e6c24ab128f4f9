import { silentLogger } from '@ohlcv/core';
import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';
import { VENUE_ADAPTERS } from '@ohlcv/venues';
import { afterEach, describe, expect, it } from 'vitest';
import type { CanarySettings } from './canary-settings';
import { type Canary, runCanary } from './run-canary';

let simulator: BinanceSimulator | undefined;
let canary: Canary | undefined;
afterEach(async () => {
  await canary?.close();
  canary = undefined;
  await simulator?.close();
  simulator = undefined;
});

describe('runCanary', () => {
  it('is not ready while its only watched stream has failed (and keeps retrying it)', async () => {
    simulator = await startBinanceSimulator({ market: 'spot' });
    canary = await runCanary(
      {
        watch: ['binance:spot:NOPEUSDT:1m'],
        host: '127.0.0.1',
        port: 0,
        logLevel: 'error',
        logFormat: 'json',
        maxSilenceMs: undefined,
        stallTimeoutMs: undefined,
      },
      {
        adapters: VENUE_ADAPTERS,
        env: { OHLCV_BINANCE_SPOT_WS_URL: simulator.wsBase, OHLCV_BINANCE_SPOT_REST_URL: simulator.restBase },
        logger: silentLogger,
      },
    );
    const url = `http://127.0.0.1:${canary.health.port}/ready`;
    let body: { ready?: boolean; notFresh?: Array<{ stream: string; reason: string }> } = {};
    let status = 0;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const response = await fetch(url);
      status = response.status;
      body = (await response.json()) as typeof body;
      if (status === 503) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(503);
    expect(body.ready).toBe(false);
    expect(body.notFresh?.[0]?.stream).toMatch(/NOPEUSDT/);
    expect(body.notFresh?.[0]?.reason).toMatch(/^failed \(symbol_rejected\).*NOPEUSDT.*retrying at/);
  });

  it('refuses a watched stream on a venue that is not registered, listing the registered ones', async () => {
    const settings: CanarySettings = {
      watch: ['kraken:spot:XBTUSD:1m'],
      host: '127.0.0.1',
      port: 0,
      logLevel: 'error',
      logFormat: 'json',
      maxSilenceMs: undefined,
      stallTimeoutMs: undefined,
    };
    await expect(
      runCanary(settings, { adapters: VENUE_ADAPTERS, env: {}, logger: silentLogger }),
    ).rejects.toThrow(
      'unknown exchange "kraken": expected one of binance, okx, bybit, gateio (aliases gate, gate.io), hyperliquid',
    );
  });
});
