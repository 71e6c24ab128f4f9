import { afterEach, describe, expect, it } from 'vitest';
import { connectTestClient, type TestClient } from '../sim/test-client';
import type { VenueSimulator } from '../simulator-types';
import { spotCloseStyle } from './gateio-push-encoding';
import { startGateioSimulator } from './gateio-simulator';

const MINUTE = 60_000;
let simulator: VenueSimulator | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await simulator?.close();
  simulator = undefined;
});

async function connect(path: string): Promise<TestClient> {
  const client = await connectTestClient(`${simulator!.wsBase}${path}`);
  clients.push(client);
  return client;
}

function subscribe(client: TestClient, channel: string, payload: unknown, id: number): void {
  client.sendJson({
    time: Math.floor(simulator!.clock.now() / 1000),
    id,
    channel,
    event: 'subscribe',
    payload,
  });
}

type Json = Record<string, unknown>;

describe('gateio simulator WebSocket', () => {
  it('acks a spot subscribe with the captured envelope and pushes objects with string t, a base, v quote', async () => {
    simulator = await startGateioSimulator({ market: 'spot' });
    const client = await connect('/ws/v4/');
    subscribe(client, 'spot.candlesticks', ['1m', 'BTC_USDT'], 7);
    const ack = await client.nextJson((message) => message.id === 7);
    expect(ack).toEqual({
      time: Math.floor(simulator.clock.now() / 1000),
      time_ms: simulator.clock.now(),
      id: 7,
      conn_id: expect.stringMatching(/^[0-9a-f]{16}$/),
      trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      channel: 'spot.candlesticks',
      event: 'subscribe',
      payload: ['1m', 'BTC_USDT'],
      result: { status: 'success' },
    });
    expect(simulator.subscriptionCount()).toBe(1);
    await simulator.clock.advance(4_000);
    const push = await client.nextJson((message) => message.event === 'update');
    const result = push.result as Json;
    expect(push.channel).toBe('spot.candlesticks');
    expect(typeof result.t).toBe('string');
    expect(result.n).toBe('1m_BTC_USDT');
    expect(Number(result.v)).toBeGreaterThan(Number(result.a) * 1000);
  });

  it('refuses an unknown pair with code 2 and result.status fail, echoing the payload', async () => {
    simulator = await startGateioSimulator({ market: 'spot' });
    const client = await connect('/ws/v4/');
    subscribe(client, 'spot.candlesticks', ['1m', 'NOPE_USDT'], 8);
    expect(await client.nextJson((message) => message.id === 8)).toMatchObject({
      channel: 'spot.candlesticks',
      event: 'subscribe',
      payload: ['1m', 'NOPE_USDT'],
      error: { code: 2, message: 'unknown currency pair: NOPE_USDT' },
      result: { status: 'fail' },
    });
    subscribe(client, 'spot.nope', ['1m', 'BTC_USDT'], 9);
    expect(await client.nextJson((message) => message.id === 9)).toMatchObject({
      error: { code: 2, message: 'Unknown channel spot.nope' },
    });
  });

  it('spot close styles: final pushed with w true, with w absent, or with w false', async () => {
    simulator = await startGateioSimulator({ market: 'spot' });
    const client = await connect('/ws/v4/');
    subscribe(client, 'spot.candlesticks', ['1m', 'ETH_USDT'], 1);
    await client.nextJson((message) => message.id === 1);
    const start = simulator.clock.now();
    await simulator.clock.advance(12 * MINUTE + 1_000);
    await client.nextJson(
      (message) => (message.result as Json | undefined)?.t === String((start + 12 * MINUTE) / 1000),
    );
    const pushes = client
      .json()
      .filter((message): message is Json => (message as Json).event === 'update')
      .map((message) => message.result as Json);
    const seen = new Set<string>();
    for (let openTime = start; openTime < start + 12 * MINUTE; openTime += MINUTE) {
      const own = pushes.filter((result) => result.t === String(openTime / 1000));
      const final = simulator.candleAt('ETH_USDT', '1m', openTime)!;
      const finalPushes = own.filter(
        (result) => result.c === String(final.close) && result.a === String(final.volume),
      );
      const style = spotCloseStyle({ symbol: 'ETH_USDT', interval: '1m', openTime });
      seen.add(style);
      if (style === 'flagged') {
        expect(own.at(-1)).toMatchObject({ w: true, c: String(final.close), a: String(final.volume) });
        expect(own.slice(0, -1).every((result) => result.w === false)).toBe(true);
      } else if (style === 'absent') {
        expect(own.every((result) => !('w' in result))).toBe(true);
        expect(finalPushes.length).toBeGreaterThan(0);
      } else {
        expect(own.every((result) => result.w === false)).toBe(true);
        expect(finalPushes.length).toBeGreaterThan(0);
      }
    }
    expect(seen.size).toBe(3);
  });

  it('futures: arrays with integer t and v in contracts, sometimes two elements; other settle acked and silent', async () => {
    simulator = await startGateioSimulator({ market: 'usdm' });
    const client = await connect('/v4/ws/usdt');
    subscribe(client, 'futures.candlesticks', ['1m', 'BTC_USD'], 1);
    expect(await client.nextJson((message) => message.id === 1)).toMatchObject({
      result: { status: 'success' },
    });
    subscribe(client, 'futures.candlesticks', ['1m', 'BTC_USDT'], 2);
    await client.nextJson((message) => message.id === 2);
    const start = simulator.clock.now();
    await simulator.clock.advance(10 * MINUTE + 1_000);
    const lastOpen = (start + 10 * MINUTE) / 1000;
    await client.nextJson(
      (message) =>
        Array.isArray(message.result) && (message.result as Json[]).some((element) => element.t === lastOpen),
    );
    const results = client
      .json()
      .filter((message): message is Json => (message as Json).event === 'update')
      .map((message) => message.result as Json[]);
    expect(results.length).toBeGreaterThan(100);
    expect(results.every(Array.isArray)).toBe(true);
    const elements = results.flat();
    expect(elements.every((element) => element.n === '1m_BTC_USDT')).toBe(true);
    expect(elements.every((element) => Number.isInteger(element.t) && Number.isInteger(element.v))).toBe(
      true,
    );
    expect(elements.some((element) => 'w' in element)).toBe(false);
    expect(results.some((result) => result.length === 2)).toBe(true);
    const first = elements[0]!;
    const final = simulator.candleAt('BTC_USDT', '1m', (first.t as number) * 1000)!;
    const last = elements.filter((element) => element.t === first.t).at(-1)!;
    expect((last.v as number) * 0.0001).toBeCloseTo(final.volume, 9);
  });

  it('answers spot.ping / futures.ping with *.pong', async () => {
    simulator = await startGateioSimulator({ market: 'coinm' });
    const spot = await connect('/ws/v4/');
    spot.sendJson({ time: 1, channel: 'spot.ping' });
    expect(await spot.nextJson((message) => message.channel === 'spot.pong')).toMatchObject({
      event: '',
      result: null,
    });
    const futures = await connect('/v4/ws/btc');
    futures.sendJson({ time: 1, channel: 'futures.ping' });
    expect(await futures.nextJson((message) => message.channel === 'futures.pong')).toMatchObject({
      result: null,
    });
    futures.send('not json');
    expect(await futures.nextJson((message) => message.error !== undefined)).toMatchObject({
      error: { code: 1, message: 'request message need json scheme' },
    });
  });

  it('drops a socket with no subscription and no client frame with 1006 (no close frame)', async () => {
    simulator = await startGateioSimulator({ market: 'spot', idleTimeoutMs: 150 });
    const client = await connect('/ws/v4/');
    expect((await client.closed).code).toBe(1006);
  });

  it('drops a subscribed socket with no traffic either way after twice the idle timeout', async () => {
    simulator = await startGateioSimulator({ market: 'usdm', idleTimeoutMs: 100 });
    const client = await connect('/v4/ws/usdt');
    const openedAt = Date.now();
    subscribe(client, 'futures.candlesticks', ['1m', 'BTC_USD'], 1);
    await client.nextJson((message) => message.id === 1);
    expect((await client.closed).code).toBe(1006);
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(200);
  });

  it('faults: silence suppresses pushes and replies until resume; dropConnections ends sockets with 1006', async () => {
    simulator = await startGateioSimulator({ market: 'spot' });
    const client = await connect('/ws/v4/');
    subscribe(client, 'spot.candlesticks', ['1m', 'BTC_USDT'], 1);
    await client.nextJson((message) => message.id === 1);
    simulator.faults.silence();
    await simulator.clock.advance(MINUTE);
    simulator.faults.resume();
    client.sendJson({ time: 1, id: 4, channel: 'spot.ping' });
    await client.nextJson((message) => message.id === 4);
    expect(client.json().some((message) => (message as Json).event === 'update')).toBe(false);
    simulator.faults.dropConnections();
    expect((await client.closed).code).toBe(1006);
  });

  it('unsubscribe is acked and stops pushes; the legacy /v4/ws path serves BTC contracts', async () => {
    simulator = await startGateioSimulator({ market: 'coinm' });
    const client = await connect('/v4/ws');
    subscribe(client, 'futures.candlesticks', ['1m', 'BTC_USD'], 1);
    await client.nextJson((message) => message.id === 1);
    expect(simulator.subscriptionCount()).toBe(1);
    client.sendJson({
      time: 1,
      id: 2,
      channel: 'futures.candlesticks',
      event: 'unsubscribe',
      payload: ['1m', 'BTC_USD'],
    });
    expect(await client.nextJson((message) => message.id === 2)).toMatchObject({
      event: 'unsubscribe',
      result: { status: 'success' },
    });
    expect(simulator.subscriptionCount()).toBe(0);
    const before = client.frames.length;
    await simulator.clock.advance(MINUTE);
    client.sendJson({ time: 1, id: 3, channel: 'futures.ping' });
    await client.nextJson((message) => message.id === 3, { fromIndex: before });
    expect(client.frames.length).toBe(before + 1);
  });

  it('optionally refuses spot requests whose time is off by more than the allowed skew', async () => {
    simulator = await startGateioSimulator({ market: 'spot', maxRequestSkewSeconds: 60 });
    const client = await connect('/ws/v4/');
    client.sendJson({
      time: 123456,
      id: 1,
      channel: 'spot.candlesticks',
      event: 'subscribe',
      payload: ['1m', 'BTC_USDT'],
    });
    expect(await client.nextJson((message) => message.id === 1)).toMatchObject({
      error: { code: 2 },
      result: { status: 'fail' },
    });
    subscribe(client, 'spot.candlesticks', ['1m', 'BTC_USDT'], 2);
    expect(await client.nextJson((message) => message.id === 2)).toMatchObject({
      result: { status: 'success' },
    });
  });
});
