import { afterEach, describe, expect, it } from 'vitest';
import { connectTestClient } from '../sim/test-client';
import {
  type BinanceSimulator,
  type BinanceSimulatorOptions,
  startBinanceSimulator,
} from './binance-simulator';
import { waitForKlines } from './binance-test-helpers';

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;
type Row = [number, string, string, string, string, string, number, string, number, string, string, string];

describe('Binance simulator REST', () => {
  let simulator: BinanceSimulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });
  async function start(options: Partial<BinanceSimulatorOptions> = {}): Promise<BinanceSimulator> {
    simulator = await startBinanceSimulator({ market: 'spot', ...options });
    return simulator;
  }
  async function get(
    sim: BinanceSimulator,
    path: string,
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    const response = await fetch(`${sim.restBase}${path}`);
    return { status: response.status, headers: response.headers, body: await response.json() };
  }

  it('serves ascending 12-field rows with Binance paging; the last row is the open candle', async () => {
    const sim = await start();
    await sim.clock.advance(10 * MINUTE + 30_000);
    const recent = await get(sim, '/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=3');
    expect(recent.status).toBe(200);
    expect(recent.headers.get('x-mbx-used-weight-1m')).toBe('2');
    expect(recent.headers.get('date')).toBe(new Date(T0 + 10 * MINUTE + 30_000).toUTCString());
    const rows = recent.body as Row[];
    expect(rows.map((row) => row[0])).toEqual([T0 + 8 * MINUTE, T0 + 9 * MINUTE, T0 + 10 * MINUTE]);
    expect(rows[0]).toHaveLength(12);
    expect(rows[2]![6]).toBe(T0 + 11 * MINUTE - 1);
    const open = sim.candleAt('BTCUSDT', '1m', T0 + 10 * MINUTE)!;
    expect(Number(rows[2]![5])).toBeLessThan(open.volume);
    const fromStart = (
      await get(sim, `/api/v3/klines?symbol=btcusdt&interval=1m&startTime=${T0 - 5 * MINUTE}&limit=2`)
    ).body as Row[];
    expect(fromStart.map((row) => row[0])).toEqual([T0 - 5 * MINUTE, T0 - 4 * MINUTE]);
    const toEnd = (
      await get(sim, `/api/v3/klines?symbol=BTCUSDT&interval=1m&endTime=${T0 + 2 * MINUTE}&limit=2`)
    ).body as Row[];
    expect(toEnd.map((row) => row[0])).toEqual([T0 + MINUTE, T0 + 2 * MINUTE]);
    const both = (
      await get(
        sim,
        `/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${T0}&endTime=${T0 + 2 * MINUTE}&limit=500`,
      )
    ).body as Row[];
    expect(both.map((row) => row[0])).toEqual([T0, T0 + MINUTE, T0 + 2 * MINUTE]);
    const future = (await get(sim, `/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=${T0 + 60 * MINUTE}`))
      .body;
    expect(future).toEqual([]);
    expect(sim.restRequestCount('/api/v3/klines')).toBe(5);
  });

  it('returns the same values as the final pushed candles', async () => {
    const sim = await start({ pushIntervalMs: 30_000 });
    const client = await connectTestClient(`${sim.wsBase}/ws/ethusdt@kline_1m`);
    await expect.poll(() => sim.subscriptionCount()).toBe(1);
    await sim.clock.advance(3 * MINUTE);
    const finals = (await waitForKlines(client, 9)).filter((event) => event.k.x);
    const rows = (await get(sim, `/api/v3/klines?symbol=ETHUSDT&interval=1m&startTime=${T0}&limit=3`))
      .body as Row[];
    expect(finals).toHaveLength(3);
    for (const [index, final] of finals.entries()) {
      const row = rows[index]!;
      expect([
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        row[8],
        row[9],
        row[10],
      ]).toEqual([
        final.k.t,
        final.k.o,
        final.k.h,
        final.k.l,
        final.k.c,
        final.k.v,
        final.k.T,
        final.k.q,
        final.k.n,
        final.k.V,
        final.k.Q,
      ]);
    }
  });

  it('rejects bad symbols, intervals and limits with the Binance codes', async () => {
    const sim = await start({ market: 'usdm' });
    expect(await get(sim, '/fapi/v1/klines?symbol=NOPEUSDT&interval=1m')).toMatchObject({
      status: 400,
      body: { code: -1121, msg: 'Invalid symbol.' },
    });
    expect(await get(sim, '/fapi/v1/klines?symbol=BTCUSDT&interval=1s')).toMatchObject({
      status: 400,
      body: { code: -1120, msg: 'Invalid interval.' },
    });
    expect(await get(sim, '/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=1501')).toMatchObject({
      status: 400,
      body: { code: -1130, msg: "Data sent for parameter 'limit' is not valid." },
    });
    const ok = await get(sim, '/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=1500');
    expect((ok.body as Row[]).length).toBe(1500);
    expect(ok.headers.get('x-mbx-used-weight-1m')).toBe(String(5 + 5 + 10 + 10));
  });

  it('coinm: rejects spans over 200 days; the most recent rows of the window', async () => {
    const sim = await start({ market: 'coinm' });
    const span = await get(
      sim,
      `/dapi/v1/klines?symbol=BTCUSD_PERP&interval=1d&startTime=${T0 - 201 * 86_400_000}&endTime=${T0}`,
    );
    expect(span.status).toBe(400);
    const rows = (
      await get(
        sim,
        `/dapi/v1/klines?symbol=BTCUSD_PERP&interval=1m&startTime=${T0 - 60 * MINUTE}&endTime=${T0}&limit=2`,
      )
    ).body as Row[];
    expect(rows.map((row) => row[0])).toEqual([T0 - MINUTE, T0]);
  });

  it('answers 429 with Retry-After over the per-minute weight, then 418 when the client keeps going', async () => {
    const sim = await start({ restWeightPerMinute: 4 });
    const path = '/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1';
    expect((await get(sim, path)).status).toBe(200);
    expect((await get(sim, path)).status).toBe(200);
    const limited = await get(sim, path);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.body).toMatchObject({ code: -1003 });
    await get(sim, path);
    await get(sim, path);
    const banned = await get(sim, path);
    expect(banned.status).toBe(418);
    expect(Number(banned.headers.get('retry-after'))).toBeGreaterThan(0);
    await sim.clock.advance(3 * MINUTE);
    expect((await get(sim, path)).status).toBe(200);
  });

  it('lists symbols in the exchangeInfo shape of each market', async () => {
    const spot = await start();
    const spotInfo = (await get(spot, '/api/v3/exchangeInfo')) as {
      body: { symbols: unknown[] };
      headers: Headers;
    };
    expect(spotInfo.headers.get('x-mbx-used-weight-1m')).toBe('20');
    expect(spotInfo.body.symbols[0]).toMatchObject({
      symbol: 'BTCUSDT',
      status: 'TRADING',
      baseAsset: 'BTC',
      quoteAsset: 'USDT',
    });
    await spot.close();
    const usdm = await start({ market: 'usdm' });
    const usdmInfo = (await get(usdm, '/fapi/v1/exchangeInfo')).body as {
      symbols: unknown[];
      futuresType: string;
    };
    expect(usdmInfo.futuresType).toBe('U_MARGINED');
    expect(usdmInfo.symbols[0]).toMatchObject({
      symbol: 'BTCUSDT',
      status: 'TRADING',
      contractType: 'PERPETUAL',
      marginAsset: 'USDT',
      pair: 'BTCUSDT',
    });
    await usdm.close();
    const coinm = await start({ market: 'coinm' });
    const coinmInfo = (await get(coinm, '/dapi/v1/exchangeInfo')).body as {
      symbols: Array<Record<string, unknown>>;
    };
    expect(coinmInfo.symbols[0]).toMatchObject({
      symbol: 'BTCUSD_PERP',
      pair: 'BTCUSD',
      contractType: 'PERPETUAL',
      contractStatus: 'TRADING',
      contractSize: 100,
      marginAsset: 'BTC',
    });
    expect(coinmInfo.symbols[1]).toMatchObject({ symbol: 'ETHUSD_PERP', contractSize: 10 });
    expect(coinmInfo.symbols[0]!.status).toBeUndefined();
  });
});
