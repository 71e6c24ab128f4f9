import { afterEach, describe, expect, it } from 'vitest';
import type { VenueSimulator } from '../simulator-types';
import { startBybitSimulator } from './bybit-simulator';

const MINUTE = 60_000;
let simulator: VenueSimulator | undefined;

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

type Envelope = { retCode: number; retMsg: string; result: Record<string, unknown>; time: number };

async function getJson(path: string): Promise<{ status: number; body: Envelope; headers: Headers }> {
  const response = await fetch(`${simulator!.restBase}${path}`);
  return { status: response.status, body: (await response.json()) as Envelope, headers: response.headers };
}

describe('bybit simulator REST klines', () => {
  it('serves newest first in the retCode envelope; the newest row is the open candle', async () => {
    simulator = await startBybitSimulator({ market: 'usdm' });
    await simulator.clock.advance(10 * MINUTE + 30_000);
    const now = simulator.clock.now();
    const { status, body, headers } = await getJson(
      `/v5/market/kline?category=linear&symbol=BTCUSDT&interval=1&start=${now - 4 * MINUTE}&end=${now}&limit=1000`,
    );
    expect(status).toBe(200);
    expect(new Date(headers.get('date')!).getTime()).toBe(Math.floor(now / 1000) * 1000);
    expect(body).toMatchObject({
      retCode: 0,
      retMsg: 'OK',
      time: now,
      result: { symbol: 'BTCUSDT', category: 'linear' },
    });
    const list = body.result.list as string[][];
    const starts = list.map((row) => Number(row[0]));
    expect(starts).toEqual([
      now - 30_000,
      now - 30_000 - MINUTE,
      now - 30_000 - 2 * MINUTE,
      now - 30_000 - 3 * MINUTE,
    ]);
    const closed = simulator.candleAt('BTCUSDT', '1m', starts[1]!)!;
    expect(list[1]!.slice(1).map(Number)).toEqual([
      closed.open,
      closed.high,
      closed.low,
      closed.close,
      closed.volume,
      closed.quoteVolume,
    ]);
    const open = simulator.candleAt('BTCUSDT', '1m', starts[0]!)!;
    expect(Number(list[0]![5])).toBeLessThan(open.volume);
  });

  it('caps at limit: start+end → newest rows up to end; start only → oldest rows from start; default limit 200', async () => {
    simulator = await startBybitSimulator({ market: 'spot' });
    await simulator.clock.advance(30 * MINUTE);
    const t0 = simulator.clock.now() - 30 * MINUTE;
    const both = await getJson(
      `/v5/market/kline?category=spot&symbol=BTCUSDT&interval=1&start=${t0}&end=${t0 + 9 * MINUTE}&limit=3`,
    );
    expect((both.body.result.list as string[][]).map((row) => Number(row[0]))).toEqual([
      t0 + 9 * MINUTE,
      t0 + 8 * MINUTE,
      t0 + 7 * MINUTE,
    ]);
    const startOnly = await getJson(
      `/v5/market/kline?category=spot&symbol=BTCUSDT&interval=1&start=${t0}&limit=2`,
    );
    expect((startOnly.body.result.list as string[][]).map((row) => Number(row[0]))).toEqual([
      t0 + MINUTE,
      t0,
    ]);
    const newest = await getJson('/v5/market/kline?category=spot&symbol=BTCUSDT&interval=1');
    const rows = newest.body.result.list as string[][];
    expect(rows).toHaveLength(200);
    expect(Number(rows[0]![0])).toBe(simulator.clock.now());
  });

  it('inverse rows carry volume in USD contracts and turnover in base', async () => {
    simulator = await startBybitSimulator({ market: 'coinm' });
    await simulator.clock.advance(5 * MINUTE);
    const start = simulator.clock.now() - 2 * MINUTE;
    const { body } = await getJson(
      `/v5/market/kline?category=inverse&symbol=BTCUSD&interval=1&start=${start}&end=${start}`,
    );
    const [row] = body.result.list as string[][];
    const candle = simulator.candleAt('BTCUSD', '1m', start)!;
    expect(Number(row![5])).toBe(candle.quoteVolume);
    expect(Number(row![6])).toBe(candle.volume);
  });

  it('answers 10001 for unknown symbols (also of another category), bad intervals and limits', async () => {
    simulator = await startBybitSimulator({ market: 'spot' });
    const symbol = await getJson('/v5/market/kline?category=spot&symbol=BTCPERP&interval=1');
    expect(symbol.body).toMatchObject({ retCode: 10001, retMsg: 'Not supported symbols', result: {} });
    const period = await getJson('/v5/market/kline?category=spot&symbol=BTCUSDT&interval=480');
    expect(period.body).toMatchObject({ retCode: 10001, retMsg: 'Invalid period!' });
    expect(
      (await getJson('/v5/market/kline?category=spot&symbol=BTCUSDT&interval=1&limit=1001')).body.retCode,
    ).toBe(10001);
  });

  it('bans the IP with 403 "access too frequent" past the request budget', async () => {
    simulator = await startBybitSimulator({ market: 'spot', ipRateLimit: { requests: 2, windowMs: 60_000 } });
    const path = '/v5/market/kline?category=spot&symbol=BTCUSDT&interval=1';
    expect((await fetch(`${simulator.restBase}${path}`)).status).toBe(200);
    expect((await fetch(`${simulator.restBase}${path}`)).status).toBe(200);
    const banned = await fetch(`${simulator.restBase}${path}`);
    expect(banned.status).toBe(403);
    expect(await banned.text()).toBe('access too frequent');
    expect((await fetch(`${simulator.restBase}/v5/market/instruments-info?category=spot`)).status).toBe(403);
  });

  it('answers 10006 "Too many visits!" with X-Bapi-Limit headers when a visits limit is set', async () => {
    simulator = await startBybitSimulator({ market: 'spot', visitsLimit: { requests: 1, windowMs: 60_000 } });
    const path = '/v5/market/kline?category=spot&symbol=BTCUSDT&interval=1';
    expect((await getJson(path)).body.retCode).toBe(0);
    const { status, body, headers } = await getJson(path);
    expect(status).toBe(200);
    expect(body).toMatchObject({ retCode: 10006, retMsg: 'Too many visits!' });
    expect(headers.get('x-bapi-limit-status')).toBe('0');
    expect(Number(headers.get('x-bapi-limit-reset-timestamp'))).toBeGreaterThan(body.time);
  });

  it('injects HTTP faults the Bybit way', async () => {
    simulator = await startBybitSimulator({ market: 'spot' });
    simulator.faults.httpErrors(429, 1);
    const limited = await fetch(
      `${simulator.restBase}/v5/market/kline?category=spot&symbol=BTCUSDT&interval=1`,
    );
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-bapi-limit-reset-timestamp')).not.toBeNull();
    simulator.faults.httpErrors(403, 1);
    expect(await (await fetch(`${simulator.restBase}/v5/market/instruments-info?category=spot`)).text()).toBe(
      'access too frequent',
    );
    expect((await fetch(`${simulator.restBase}/v5/market/instruments-info?category=spot`)).status).toBe(200);
  });
});

describe('bybit simulator REST instruments', () => {
  it('pages linear with limit and nextPageCursor until the cursor is empty', async () => {
    simulator = await startBybitSimulator({ market: 'usdm' });
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const query = new URLSearchParams({ category: 'linear', limit: '3' });
      if (cursor) query.set('cursor', cursor);
      const { body } = await getJson(`/v5/market/instruments-info?${query.toString()}`);
      for (const entry of body.result.list as Array<Record<string, unknown>>) seen.push(String(entry.symbol));
      cursor = String(body.result.nextPageCursor);
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...simulator.symbols]);
    const { body } = await getJson('/v5/market/instruments-info?category=linear');
    const perp = (body.result.list as Array<Record<string, unknown>>).find(
      (entry) => entry.symbol === 'BTCPERP',
    );
    expect(perp).toMatchObject({
      status: 'Trading',
      baseCoin: 'BTC',
      quoteCoin: 'USDC',
      settleCoin: 'USDC',
      contractType: 'LinearPerpetual',
    });
  });

  it('accepts the cursor whether sent as given or encoded once more', async () => {
    simulator = await startBybitSimulator({ market: 'usdm' });
    const first = await getJson('/v5/market/instruments-info?category=linear&limit=2');
    const cursor = String(first.body.result.nextPageCursor);
    expect(cursor).toContain('%3D');
    const raw = await getJson(`/v5/market/instruments-info?category=linear&limit=2&cursor=${cursor}`);
    const encoded = await getJson(
      `/v5/market/instruments-info?category=linear&limit=2&cursor=${encodeURIComponent(cursor)}`,
    );
    expect(raw.body.result.list).toEqual(encoded.body.result.list);
    expect((raw.body.result.list as Array<{ symbol: string }>)[0]!.symbol).toBe(simulator.symbols[2]);
  });

  it('lists spot without paging and inverse with coin-settled contracts', async () => {
    simulator = await startBybitSimulator({ market: 'coinm' });
    const spot = await getJson('/v5/market/instruments-info?category=spot&limit=1');
    expect(spot.body.result.nextPageCursor).toBeUndefined();
    expect((spot.body.result.list as unknown[]).length).toBeGreaterThan(1);
    const inverse = await getJson('/v5/market/instruments-info?category=inverse');
    expect((inverse.body.result.list as Array<Record<string, unknown>>)[0]).toMatchObject({
      symbol: 'BTCUSD',
      baseCoin: 'BTC',
      quoteCoin: 'USD',
      settleCoin: 'BTC',
      contractType: 'InversePerpetual',
    });
    expect((await getJson('/v5/market/instruments-info')).body.retCode).toBe(10001);
  });
});
