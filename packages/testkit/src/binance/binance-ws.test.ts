import { afterEach, describe, expect, it } from 'vitest';
import { connectTestClient } from '../sim/test-client';
import {
  type BinanceSimulator,
  type BinanceSimulatorOptions,
  startBinanceSimulator,
} from './binance-simulator';
import { klineEvents, waitForKlines } from './binance-test-helpers';

const T0 = Date.UTC(2026, 0, 1);
const KLINE_FIELDS = ['t', 'T', 's', 'i', 'f', 'L', 'o', 'c', 'h', 'l', 'v', 'n', 'x', 'q', 'V', 'Q', 'B'];

describe('Binance simulator WebSocket', () => {
  let simulator: BinanceSimulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });
  async function start(options: Partial<BinanceSimulatorOptions> = {}): Promise<BinanceSimulator> {
    simulator = await startBinanceSimulator({ market: 'spot', ...options });
    return simulator;
  }

  it('acks SUBSCRIBE for unknown symbols, bad intervals and uppercase names, then stays silent', async () => {
    const sim = await start();
    const client = await connectTestClient(`${sim.wsBase}/ws`);
    const names = ['nopeusdt@kline_1m', 'btcusdt@kline_7m', 'BTCUSDT@kline_1m', '!kline_1m@arr'];
    client.sendJson({ method: 'SUBSCRIBE', params: names, id: 1 });
    expect(await client.nextJson((message) => message.id === 1)).toEqual({ result: null, id: 1 });
    client.sendJson({ method: 'LIST_SUBSCRIPTIONS', id: 2 });
    expect(await client.nextJson((message) => message.id === 2)).toEqual({ result: names, id: 2 });
    expect(sim.subscriptionCount()).toBe(4);
    await sim.clock.advance(120_000);
    client.sendJson({ method: 'UNSUBSCRIBE', params: ['never@kline_1m'], id: 'abc' });
    expect(await client.nextJson((message) => message.id === 'abc')).toEqual({ result: null, id: 'abc' });
    expect(klineEvents(client)).toEqual([]);
  });

  it('pushes updates and exactly one x:true per candle, with the doc field set and final values = candleAt', async () => {
    const sim = await start();
    const client = await connectTestClient(`${sim.wsBase}/ws/btcusdt@kline_1m`);
    await expect.poll(() => sim.subscriptionCount()).toBe(1);
    await sim.clock.advance(180_000);
    // 2 s cadence: 90 updates (the one at each boundary opens the new candle) + 3 finals.
    const events = await waitForKlines(client, 93);
    expect(events).toHaveLength(93);
    for (const event of events) {
      expect(Object.keys(event)).toEqual(['e', 'E', 's', 'k']);
      expect(Object.keys(event.k)).toEqual(KLINE_FIELDS);
      expect(event.s).toBe('BTCUSDT');
      expect(event.k.T).toBe(event.k.t + 59_999);
    }
    const finals = events.filter((event) => event.k.x);
    expect(finals.map((event) => event.k.t)).toEqual([T0, T0 + 60_000, T0 + 120_000]);
    for (const t of [T0, T0 + 60_000, T0 + 120_000, T0 + 180_000]) {
      expect(events.filter((event) => event.k.t === t && !event.k.x).length).toBeGreaterThan(0);
    }
    for (const final of finals) {
      const candle = sim.candleAt('BTCUSDT', '1m', final.k.t)!;
      expect(Number(final.k.o)).toBe(candle.open);
      expect(Number(final.k.h)).toBe(candle.high);
      expect(Number(final.k.l)).toBe(candle.low);
      expect(Number(final.k.c)).toBe(candle.close);
      expect(Number(final.k.v)).toBe(candle.volume);
      expect(final.k.n).toBe(candle.trades);
      expect(final.k.L - final.k.f + 1).toBe(final.k.n);
    }
    // Updates grow monotonically within a candle.
    const first = events.filter((event) => event.k.t === T0);
    for (let index = 1; index < first.length; index += 1) {
      expect(Number(first[index]!.k.v)).toBeGreaterThanOrEqual(Number(first[index - 1]!.k.v));
      expect(first[index]!.E).toBeGreaterThanOrEqual(first[index - 1]!.E);
    }
  });

  it('wraps combined streams as {stream, data} on /stream?streams= and after SET_PROPERTY', async () => {
    const sim = await start({ pushIntervalMs: 30_000 });
    const combined = await connectTestClient(
      `${sim.wsBase}/stream?streams=btcusdt@kline_1m/ethusdt@kline_5m`,
    );
    const raw = await connectTestClient(`${sim.wsBase}/ws`);
    raw.sendJson({ method: 'GET_PROPERTY', params: ['combined'], id: 1 });
    expect(await raw.nextJson((message) => message.id === 1)).toEqual({ result: false, id: 1 });
    raw.sendJson({ method: 'SET_PROPERTY', params: ['combined', true], id: 2 });
    raw.sendJson({ method: 'SUBSCRIBE', params: ['ethusdt@kline_1m'], id: 3 });
    await raw.nextJson((message) => message.id === 3);
    await sim.clock.advance(60_000);
    const message = await combined.nextJson((frame) => frame.stream === 'ethusdt@kline_5m');
    expect(message).toMatchObject({
      stream: 'ethusdt@kline_5m',
      data: { e: 'kline', s: 'ETHUSDT', k: { i: '5m' } },
    });
    expect(await combined.nextJson((frame) => frame.stream === 'btcusdt@kline_1m')).toBeDefined();
    expect(await raw.nextJson((frame) => frame.stream === 'ethusdt@kline_1m')).toBeDefined();
  });

  it('answers bad requests with the documented error shapes', async () => {
    const sim = await start();
    const client = await connectTestClient(`${sim.wsBase}/ws`);
    client.send('{not json');
    expect(await client.nextJson((message) => message.error !== undefined)).toMatchObject({
      error: { code: 3, msg: expect.stringContaining('Invalid JSON') },
      id: null,
    });
    client.sendJson({ method: 'SUBSCRIBEX', params: [], id: 7 });
    expect(await client.nextJson((message) => message.id === 7)).toMatchObject({
      error: { code: 2, msg: expect.stringContaining('unknown variant `SUBSCRIBEX`') },
    });
    client.sendJson({ method: 'SET_PROPERTY', params: ['colour', true], id: 8 });
    expect(await client.nextJson((message) => message.id === 8)).toEqual({
      error: { code: 0, msg: 'Unknown property' },
      id: 8,
    });
  });

  it('usdm: klines only on /market paths; un-routed and /public paths ack and stay silent', async () => {
    const sim = await start({ market: 'usdm', pushIntervalMs: 10_000 });
    const market = await connectTestClient(`${sim.wsBase}/market/ws/btcusdt@kline_1m`);
    const legacy = await connectTestClient(`${sim.wsBase}/ws`);
    const publicPath = await connectTestClient(`${sim.wsBase}/public/stream?streams=btcusdt@kline_1m`);
    legacy.sendJson({ method: 'SUBSCRIBE', params: ['btcusdt@kline_1m'], id: 1 });
    expect(await legacy.nextJson((message) => message.id === 1)).toEqual({ result: null, id: 1 });
    await expect.poll(() => sim.subscriptionCount()).toBe(3);
    await sim.clock.advance(60_000);
    await waitForKlines(market, 6);
    expect(klineEvents(legacy)).toEqual([]);
    expect(klineEvents(publicPath)).toEqual([]);
  });

  it('coinm: v is contracts and q base volume (contract size 100 USD for BTCUSD_PERP)', async () => {
    const sim = await start({ market: 'coinm', pushIntervalMs: 30_000 });
    expect(sim.symbols).toEqual(['BTCUSD_PERP', 'ETHUSD_PERP']);
    const client = await connectTestClient(`${sim.wsBase}/ws/btcusd_perp@kline_1m`);
    await expect.poll(() => sim.subscriptionCount()).toBe(1);
    await sim.clock.advance(60_000);
    const [final] = (await waitForKlines(client, 3)).filter((event) => event.k.x);
    const candle = sim.candleAt('BTCUSD_PERP', '1m', T0)!;
    expect(final!.k.v).toMatch(/^\d+$/);
    expect(Number(final!.k.q)).toBe(candle.volume);
    expect(Number(final!.k.v) * 100).toBe(candle.quoteVolume);
    expect(Number(final!.k.v) * 100).toBeCloseTo(candle.volume * candle.close, -4);
  });

  it('closes with 1008 "Too many requests" above 5 messages per second (spot)', async () => {
    const sim = await start();
    const client = await connectTestClient(`${sim.wsBase}/ws`);
    for (let id = 1; id <= 7; id += 1) client.sendJson({ method: 'LIST_SUBSCRIPTIONS', id });
    expect(await client.closed).toEqual({ code: 1008, reason: 'Too many requests' });
    expect(client.json().filter((message) => (message as { id?: number }).id !== undefined)).toHaveLength(5);
  });

  it('answers the 1025th stream with code 4 and closes 1008 "Invalid request"', async () => {
    const sim = await start();
    const client = await connectTestClient(`${sim.wsBase}/ws`);
    const names = Array.from({ length: 1025 }, (_, index) => `sym${index}usdt@kline_1m`);
    client.sendJson({ method: 'SUBSCRIBE', params: names, id: 9 });
    expect(await client.nextJson((message) => message.id === 9)).toEqual({
      error: { code: 4, msg: 'Too many subscriptions' },
      id: 9,
    });
    expect(await client.closed).toEqual({ code: 1008, reason: 'Invalid request' });
    await expect.poll(() => sim.subscriptionCount()).toBe(0);
  });

  it('pings on real time and drops a client that does not pong; keeps one that does', async () => {
    const sim = await start({ pingIntervalMs: 50, pongTimeoutMs: 150 });
    const silent = await connectTestClient(`${sim.wsBase}/ws`, { autoPong: false });
    const healthy = await connectTestClient(`${sim.wsBase}/ws`);
    let pings = 0;
    healthy.socket.on('ping', () => {
      pings += 1;
    });
    expect((await silent.closed).code).toBe(1006);
    expect(pings).toBeGreaterThan(0);
    await expect.poll(() => sim.connectionCount()).toBe(1);
    expect(healthy.socket.readyState).toBe(healthy.socket.OPEN);
  });

  it('force-closes a connection after 24 h of virtual time', async () => {
    const sim = await start();
    const client = await connectTestClient(`${sim.wsBase}/ws`);
    await expect.poll(() => sim.connectionCount()).toBe(1);
    await sim.clock.advance(24 * 60 * 60 * 1_000 - 1);
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    await sim.clock.advance(1);
    expect((await client.closed).code).toBe(1000);
  });

  it('sends serverShutdown raw and combined', async () => {
    const sim = await start();
    const raw = await connectTestClient(`${sim.wsBase}/ws`);
    const combined = await connectTestClient(`${sim.wsBase}/stream`);
    await expect.poll(() => sim.connectionCount()).toBe(2);
    sim.sendServerShutdown();
    expect(await raw.nextJson((message) => message.e === 'serverShutdown')).toEqual({
      e: 'serverShutdown',
      E: T0,
    });
    expect(await combined.nextJson((message) => message.stream === '!serverShutdown')).toEqual({
      stream: '!serverShutdown',
      data: { e: 'serverShutdown', E: T0 },
    });
  });

  it('auto mode: virtual time runs at speed × real time and candles close without advance()', async () => {
    const sim = await start({ clock: { mode: 'auto', speed: 600 }, pushIntervalMs: 10_000 });
    expect(sim.clock.mode).toBe('auto');
    const client = await connectTestClient(`${sim.wsBase}/ws/btcusdt@kline_1m`);
    const final = await client.nextJson((message) => (message.k as { x?: boolean } | undefined)?.x === true, {
      timeoutMs: 5_000,
    });
    expect((final.k as { t: number }).t).toBe(T0);
    expect(sim.clock.now()).toBeGreaterThanOrEqual(T0 + 60_000);
  });
});
