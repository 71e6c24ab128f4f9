import { afterEach, describe, expect, it } from 'vitest';
import type { VenueSimulator } from '../simulator-types';
import { startGateioSimulator } from './gateio-simulator';

const MINUTE = 60_000;
let simulator: VenueSimulator | undefined;

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function getJson(url: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe('gateio simulator REST', () => {
  it('spot candles: inclusive from/to, 8-element string rows, final rows equal candleAt, open row flagged false', async () => {
    simulator = await startGateioSimulator({ market: 'spot' });
    await simulator.clock.advance(10 * MINUTE + 30_000);
    const now = simulator.clock.now();
    const from = (now - 30_000 - 3 * MINUTE) / 1000;
    const to = (now - 30_000) / 1000;
    const { status, body, headers } = await getJson(
      `${simulator.restBase}/api/v4/spot/candlesticks?currency_pair=BTC_USDT&interval=1m&from=${from}&to=${to}`,
    );
    expect(status).toBe(200);
    expect(headers.get('x-gate-ratelimit-limit')).toBe('200');
    const rows = body as string[][];
    expect(rows).toHaveLength(4);
    expect(rows.map((row) => row[7])).toEqual(['true', 'true', 'true', 'false']);
    const final = simulator.candleAt('BTC_USDT', '1m', Number(rows[0]![0]) * 1000)!;
    expect(rows[0]).toEqual([
      String(final.openTime / 1000),
      String(final.quoteVolume),
      String(final.close),
      String(final.high),
      String(final.low),
      String(final.open),
      String(final.volume),
      'true',
    ]);
  });

  it('futures candles: {t,v,c,h,l,o,sum} with v in contracts × quanto_multiplier = candleAt volume', async () => {
    simulator = await startGateioSimulator({ market: 'usdm' });
    await simulator.clock.advance(5 * MINUTE);
    const start = simulator.clock.now() - 5 * MINUTE;
    const contracts = (await getJson(`${simulator.restBase}/api/v4/futures/usdt/contracts`)).body as Array<
      Record<string, unknown>
    >;
    const btc = contracts.find((contract) => contract.name === 'BTC_USDT')!;
    expect(btc).toMatchObject({ type: 'direct', quanto_multiplier: '0.0001', in_delisting: false });
    const { body } = await getJson(
      `${simulator.restBase}/api/v4/futures/usdt/candlesticks?contract=BTC_USDT&interval=1m&from=${start / 1000}&to=${start / 1000}`,
    );
    const [row] = body as Array<Record<string, unknown>>;
    const final = simulator.candleAt('BTC_USDT', '1m', start)!;
    expect(row).toEqual({
      t: start / 1000,
      v: expect.any(Number),
      c: String(final.close),
      h: String(final.high),
      l: String(final.low),
      o: String(final.open),
      sum: String(final.quoteVolume),
    });
    expect(Number.isInteger(row!.v)).toBe(true);
    expect((row!.v as number) * 0.0001).toBeCloseTo(final.volume, 9);
  });

  it('btc settle: inverse BTC_USD with quanto_multiplier "0", v = USD contracts', async () => {
    simulator = await startGateioSimulator({ market: 'coinm' });
    await simulator.clock.advance(2 * MINUTE);
    const start = simulator.clock.now() - 2 * MINUTE;
    const contracts = (await getJson(`${simulator.restBase}/api/v4/futures/btc/contracts`)).body;
    expect(contracts).toEqual([
      expect.objectContaining({ name: 'BTC_USD', type: 'inverse', quanto_multiplier: '0' }),
    ]);
    const { body } = await getJson(
      `${simulator.restBase}/api/v4/futures/btc/candlesticks?contract=BTC_USD&interval=1m&from=${start / 1000}&to=${start / 1000}`,
    );
    const final = simulator.candleAt('BTC_USD', '1m', start)!;
    expect((body as Array<Record<string, unknown>>)[0]!.v).toBe(final.quoteVolume);
    expect(final.volume).toBeCloseTo(final.quoteVolume! / final.close, 9);
  });

  it('refuses >1000 spot / >2000 futures points, >10,000 points back, and limit with from/to', async () => {
    simulator = await startGateioSimulator({ market: 'spot' });
    await simulator.clock.advance(2000 * MINUTE);
    const now = simulator.clock.now() / 1000;
    const spot = `${simulator.restBase}/api/v4/spot/candlesticks?currency_pair=BTC_USDT&interval=1m`;
    expect((await getJson(`${spot}&from=${now - 999 * 60}&to=${now}`)).status).toBe(200);
    expect(await getJson(`${spot}&from=${now - 1000 * 60}&to=${now}`)).toMatchObject({
      status: 400,
      body: {
        label: 'INVALID_PARAM_VALUE',
        message: 'Candlestick range too broad. Maximum 1000 data points are allowed per request',
      },
    });
    const futures = `${simulator.restBase}/api/v4/futures/usdt/candlesticks?contract=BTC_USDT&interval=1m`;
    expect((await getJson(`${futures}&from=${now - 1999 * 60}&to=${now}`)).status).toBe(200);
    expect((await getJson(`${futures}&from=${now - 2000 * 60}&to=${now}`)).status).toBe(400);
    expect(await getJson(`${spot}&from=${now - 10_001 * 60}&to=${now - 10_001 * 60}`)).toMatchObject({
      status: 400,
      body: { message: 'Candlestick too long ago. Maximum 10000 points ago are allowed' },
    });
    expect((await getJson(`${spot}&from=${now - 10_000 * 60}&to=${now - 10_000 * 60}`)).status).toBe(200);
    expect((await getJson(`${spot}&from=${now - 60}&limit=5`)).status).toBe(400);
    expect(((await getJson(`${spot}&limit=5`)).body as unknown[]).length).toBe(5);
  });

  it('unknown pair / contract answer with Gate labels', async () => {
    simulator = await startGateioSimulator({ market: 'spot' });
    expect(
      await getJson(`${simulator.restBase}/api/v4/spot/candlesticks?currency_pair=BTC_USDTT&interval=1m`),
    ).toMatchObject({
      status: 400,
      body: { label: 'INVALID_CURRENCY_PAIR', message: 'Invalid currency pair BTC_USDTT' },
    });
    expect(
      await getJson(`${simulator.restBase}/api/v4/futures/usdt/candlesticks?contract=BTC_USD&interval=1m`),
    ).toMatchObject({
      status: 400,
      body: { label: 'CONTRACT_NOT_FOUND' },
    });
  });

  it('429 after the per-endpoint budget, with X-Gate-RateLimit-* headers; injected errors', async () => {
    simulator = await startGateioSimulator({
      market: 'spot',
      restRateLimit: { requests: 3, windowMs: 60_000 },
    });
    const url = `${simulator.restBase}/api/v4/spot/currency_pairs`;
    for (let count = 0; count < 3; count++) expect((await getJson(url)).status).toBe(200);
    const limited = await getJson(url);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ label: 'TOO_MANY_REQUESTS', message: 'Request rate limit exceeded' });
    expect(limited.headers.get('x-gate-ratelimit-requests-remain')).toBe('0');
    const reset = Number(limited.headers.get('x-gate-ratelimit-reset-timestamp'));
    const date = Date.parse(limited.headers.get('date')!);
    expect(reset * 1000 - date).toBeGreaterThan(50_000);
    // another endpoint has its own budget
    simulator.faults.httpErrors(503, 1);
    const candles = `${simulator.restBase}/api/v4/spot/candlesticks?currency_pair=BTC_USDT&interval=1m`;
    expect(await getJson(candles)).toMatchObject({ status: 503, body: { label: 'SERVER_ERROR' } });
    expect((await getJson(candles)).status).toBe(200);
  });

  it('quiet intervals have no row (GT_USDT by default)', async () => {
    simulator = await startGateioSimulator({ market: 'spot' });
    await simulator.clock.advance(60 * MINUTE);
    const start = simulator.clock.now() - 60 * MINUTE;
    const { body } = await getJson(
      `${simulator.restBase}/api/v4/spot/candlesticks?currency_pair=GT_USDT&interval=1m&from=${start / 1000}&to=${(start + 59 * MINUTE) / 1000}`,
    );
    const times = (body as string[][]).map((row) => Number(row[0]) * 1000);
    expect(times.length).toBeLessThan(60);
    expect(times.length).toBeGreaterThan(20);
    for (let openTime = start; openTime < start + 60 * MINUTE; openTime += MINUTE) {
      expect(times.includes(openTime)).toBe(simulator.candleAt('GT_USDT', '1m', openTime) !== undefined);
    }
  });
});
