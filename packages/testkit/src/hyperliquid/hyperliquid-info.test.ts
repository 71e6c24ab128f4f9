import { afterEach, describe, expect, it } from 'vitest';
import { type HyperliquidSimulator, startHyperliquidSimulator } from './hyperliquid-simulator';
import { oldestOpenTime } from './info-endpoint';

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

describe('Hyperliquid simulator POST /info', () => {
  let sim: HyperliquidSimulator;

  afterEach(async () => {
    await sim.close();
  });

  function info(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
    return fetch(`${sim.restBase}/info`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  function snapshot(coin: string, interval: string, startTime: number, endTime: number) {
    return info({ type: 'candleSnapshot', req: { coin, interval, startTime, endTime } });
  }

  it('returns the candles overlapping [startTime, endTime], ascending, the open one as of now', async () => {
    sim = await startHyperliquidSimulator({ startTime: T0 });
    await sim.clock.advance(10 * MINUTE + 30_000);
    const response = await snapshot('BTC', '1m', T0 + 2 * MINUTE + 5_000, T0 + 20 * MINUTE);
    expect(response.status).toBe(200);
    expect(Date.parse(response.headers.get('date')!)).toBe(T0 + 10 * MINUTE + 30_000);
    const rows = (await response.json()) as Array<Record<string, unknown>>;
    expect(rows.map((row) => row.t)).toEqual(
      [2, 3, 4, 5, 6, 7, 8, 9, 10].map((index) => T0 + index * MINUTE),
    );
    expect(Object.keys(rows[0]!)).toEqual(['T', 'c', 'h', 'i', 'l', 'n', 'o', 's', 't', 'v']);
    const closed = sim.candleAt('BTC', '1m', T0 + 2 * MINUTE)!;
    expect(rows[0]).toMatchObject({ T: T0 + 3 * MINUTE - 1, s: 'BTC', i: '1m', n: closed.trades });
    expect(Number(rows[0]!.c)).toBe(closed.close);
    expect(Number(rows[8]!.v)).toBeLessThan(sim.candleAt('BTC', '1m', T0 + 10 * MINUTE)!.volume);
  });

  it('has no row for quiet intervals and only the most recent candles', async () => {
    sim = await startHyperliquidSimulator({
      startTime: T0,
      historyDepth: 5,
      quiet: (_coin, _interval, openTime) => openTime === T0 + 8 * MINUTE,
    });
    await sim.clock.advance(10 * MINUTE);
    expect(oldestOpenTime('1m', T0 + 10 * MINUTE, 5)).toBe(T0 + 6 * MINUTE);
    const rows = (await (await snapshot('BTC', '1m', 0, T0 + 10 * MINUTE)).json()) as Array<{ t: number }>;
    expect(rows.map((row) => row.t)).toEqual([6, 7, 9, 10].map((index) => T0 + index * MINUTE));
  });

  it('caps a response at 5000 rows', async () => {
    sim = await startHyperliquidSimulator({ startTime: T0 });
    await sim.clock.advance(6_000 * MINUTE);
    const rows = (await (await snapshot('ETH', '1m', 0, T0 + 6_000 * MINUTE)).json()) as Array<{ t: number }>;
    expect(rows).toHaveLength(5000);
    expect(rows[4999]!.t).toBe(T0 + 6_000 * MINUTE);
  });

  it('refuses bad bodies with 422 and a missing JSON content type with 415', async () => {
    sim = await startHyperliquidSimulator();
    for (const body of [
      { type: 'candleSnapshot', req: { coin: 'BTC', interval: '1m', startTime: -5, endTime: 1 } },
      { type: 'candleSnapshot', req: { coin: 'BTC', interval: '6h', startTime: 0, endTime: 1 } },
      { type: 'candleSnapshot' },
      { type: 'nope' },
      '{',
    ]) {
      const response = await info(body);
      expect(response.status).toBe(422);
      expect(await response.text()).toMatch(/^Failed to deserialize the JSON body into the target type/);
    }
    expect((await info({ type: 'meta' }, { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('lists perps in meta and spot pairs in spotMeta', async () => {
    sim = await startHyperliquidSimulator();
    const meta = (await (await info({ type: 'meta' })).json()) as {
      universe: Array<Record<string, unknown>>;
    };
    expect(meta.universe.map((asset) => asset.name)).toEqual(['BTC', 'ETH', 'kPEPE', 'MATIC']);
    expect(meta.universe[3]).toMatchObject({ isDelisted: true });
    const spot = (await (await info({ type: 'spotMeta' })).json()) as {
      tokens: Array<{ name: string; index: number }>;
      universe: Array<{ name: string; tokens: number[] }>;
    };
    const hype = spot.universe.find((pair) => pair.name === '@107')!;
    expect(spot.tokens.find((entry) => entry.index === hype.tokens[0])?.name).toBe('HYPE');
    expect(sim.restRequestCount('/info')).toBe(2);
  });

  it('answers 429 once the minute weight is spent, and again after the minute', async () => {
    sim = await startHyperliquidSimulator({ startTime: T0 });
    for (let index = 0; index < 60; index++) expect((await info({ type: 'meta' })).status).toBe(200);
    const limited = await snapshot('BTC', '1m', T0, T0);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toBe('null');
    await sim.clock.advance(MINUTE);
    expect((await snapshot('BTC', '1m', T0, T0 + MINUTE)).status).toBe(200);
  });

  it('answers injected HTTP errors', async () => {
    sim = await startHyperliquidSimulator();
    sim.faults.httpErrors(502, 1);
    expect((await info({ type: 'meta' })).status).toBe(502);
    expect((await info({ type: 'meta' })).status).toBe(200);
  });
});
