import { afterEach, describe, expect, it } from 'vitest';
import type { VenueSimulator } from '../simulator-types';
import { startOkxSimulator } from './okx-simulator';

const START = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

interface Envelope {
  code: string;
  msg: string;
  data: unknown[];
}

describe('OKX simulator REST', () => {
  let simulator: VenueSimulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  async function get(path: string): Promise<{ status: number; body: Envelope }> {
    const response = await fetch(`${simulator!.restBase}${path}`);
    return { status: response.status, body: (await response.json()) as Envelope };
  }

  it('serves history-candles newest first with exclusive after/before and the limit cap', async () => {
    simulator = await startOkxSimulator({ market: 'usdm' });
    await simulator.clock.advance(10 * MINUTE + 30_000);
    const window = await get(
      `/api/v5/market/history-candles?instId=BTC-USDT-SWAP&bar=1m&after=${START + 5 * MINUTE + 1}&before=${START + MINUTE - 1}&limit=100`,
    );
    expect(window.status).toBe(200);
    expect(window.body.code).toBe('0');
    const rows = window.body.data as string[][];
    expect(rows.map((row) => Number(row[0]))).toEqual(
      [5, 4, 3, 2, 1].map((minutes) => START + minutes * MINUTE),
    );
    expect(rows.every((row) => row.length === 9 && row[8] === '1')).toBe(true);
    const row = rows[0]!;
    const candle = simulator.candleAt('BTC-USDT-SWAP', '1m', START + 5 * MINUTE)!;
    expect(Number(row[1])).toBe(candle.open);
    expect(Number(row[6])).toBeCloseTo(candle.volume, 8);
    expect(Number(row[5])).toBeCloseTo(candle.volume / 0.01, 3);

    const latest = await get('/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1m&limit=2');
    const latestRows = latest.body.data as string[][];
    expect(latestRows.map((entry) => [Number(entry[0]), entry[8]])).toEqual([
      [START + 10 * MINUTE, '0'],
      [START + 9 * MINUTE, '1'],
    ]);
    const capped = await get(
      `/api/v5/market/history-candles?instId=BTC-USDT-SWAP&bar=1m&limit=300&after=${START}`,
    );
    expect(capped.body.data).toHaveLength(100);
  });

  it('keeps only the latest 1440 rows on candles; history-candles goes further', async () => {
    simulator = await startOkxSimulator({ market: 'spot', recentCandleRows: 5 });
    await simulator.clock.advance(10 * MINUTE);
    const recent = await get(`/api/v5/market/candles?instId=BTC-USDT&bar=1m&after=${START + 8 * MINUTE}`);
    expect((recent.body.data as string[][]).map((row) => Number(row[0]))).toEqual([
      START + 7 * MINUTE,
      START + 6 * MINUTE,
    ]);
    const old = await get(`/api/v5/market/candles?instId=BTC-USDT&bar=1m&after=${START + 3 * MINUTE}`);
    expect(old.body).toEqual({ code: '0', msg: '', data: [] });
    const history = await get(
      `/api/v5/market/history-candles?instId=BTC-USDT&bar=1m&after=${START + 3 * MINUTE}&limit=2`,
    );
    expect((history.body.data as string[][]).map((row) => Number(row[0]))).toEqual([
      START + 2 * MINUTE,
      START + MINUTE,
    ]);
  });

  it('answers 51001 for an unknown instId, 51000 for 1s on candles, UTC daily bars at 00:00 UTC', async () => {
    simulator = await startOkxSimulator({ market: 'spot' });
    expect((await get('/api/v5/market/candles?instId=NOPE-USDT&bar=1m')).body).toEqual({
      code: '51001',
      msg: "Instrument ID NOPE-USDT doesn't exist.",
      data: [],
    });
    expect((await get('/api/v5/market/candles?instId=BTC-USDT&bar=1s')).body.code).toBe('51000');
    expect(
      (await get('/api/v5/market/history-candles?instId=BTC-USDT&bar=1s&limit=1')).body.data,
    ).toHaveLength(1);
    await simulator.clock.advance(2 * 86_400_000);
    const daily = (await get('/api/v5/market/history-candles?instId=BTC-USDT&bar=1Dutc&limit=3')).body
      .data as string[][];
    expect(daily.map((row) => Number(row[0]))).toEqual([START + 2 * 86_400_000, START + 86_400_000, START]);
  });

  it('answers 50011 as HTTP 429 or HTTP 200 when the rate limit is hit, and injected HTTP faults', async () => {
    simulator = await startOkxSimulator({
      market: 'spot',
      restLimits: { candles: 1, historyCandles: 1, instruments: 1, perMs: 60_000 },
    });
    expect((await get('/api/v5/market/history-candles?instId=BTC-USDT')).status).toBe(200);
    const limited = await get('/api/v5/market/history-candles?instId=BTC-USDT');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('50011');
    await simulator.close();
    simulator = await startOkxSimulator({
      market: 'spot',
      rateLimitStatus: 200,
      restLimits: { candles: 1, historyCandles: 1, instruments: 1, perMs: 60_000 },
    });
    await get('/api/v5/market/candles?instId=BTC-USDT');
    const body200 = await get('/api/v5/market/candles?instId=BTC-USDT');
    expect(body200.status).toBe(200);
    expect(body200.body.code).toBe('50011');
    simulator.faults.httpErrors(503, 1);
    expect((await get('/api/v5/public/instruments?instType=SPOT')).status).toBe(503);
  });

  it('lists instruments per instType with linear and inverse contracts and pre-open rows', async () => {
    simulator = await startOkxSimulator({ market: 'coinm' });
    expect(simulator.symbols).toEqual(['BTC-USD-SWAP', 'ETH-USD-SWAP', 'BTC-USD-261225']);
    const swaps = (await get('/api/v5/public/instruments?instType=SWAP')).body.data as Array<
      Record<string, string>
    >;
    expect(swaps.map((row) => [row.instId, row.ctType, row.settleCcy, row.ctVal, row.state])).toEqual([
      ['BTC-USDT-SWAP', 'linear', 'USDT', '0.01', 'live'],
      ['ETH-USDT-SWAP', 'linear', 'USDT', '0.1', 'live'],
      ['BTC-USDC-SWAP', 'linear', 'USDC', '0.0001', 'live'],
      ['BTC-USD-SWAP', 'inverse', 'BTC', '100', 'live'],
      ['ETH-USD-SWAP', 'inverse', 'ETH', '10', 'live'],
      ['', '', '', '', 'preopen'],
    ]);
    const futures = (await get('/api/v5/public/instruments?instType=FUTURES')).body.data as Array<
      Record<string, string>
    >;
    expect(futures.map((row) => row.instId)).toEqual(['BTC-USDT-261225', 'BTC-USD-261225', '']);
    const spot = (await get('/api/v5/public/instruments?instType=SPOT')).body.data as Array<
      Record<string, string>
    >;
    expect(spot[0]).toMatchObject({ instId: 'BTC-USDT', baseCcy: 'BTC', quoteCcy: 'USDT', state: 'live' });
    expect((await get('/api/v5/public/instruments')).body.code).toBe('50014');
  });
});
