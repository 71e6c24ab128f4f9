import { afterEach, describe, expect, it } from 'vitest';
import { connectTestClient, type TestClient } from '../sim/test-client';
import type { VenueSimulator } from '../simulator-types';
import { startOkxSimulator } from './okx-simulator';

const START = Date.UTC(2026, 0, 1);

describe('OKX simulator WebSocket', () => {
  let simulator: VenueSimulator | undefined;
  let client: TestClient | undefined;
  afterEach(async () => {
    client?.close();
    await simulator?.close();
    simulator = undefined;
    client = undefined;
  });

  async function business(options: Parameters<typeof startOkxSimulator>[0] = { market: 'spot' }) {
    simulator = await startOkxSimulator(options);
    client = await connectTestClient(`${simulator.wsBase}/ws/v5/business`);
    return { simulator, client };
  }

  it('acks each arg, fails an unknown instId alone with 60018, pushes 9-string rows with one confirm "1" per candle', async () => {
    const { simulator, client } = await business();
    expect(simulator.symbols).toEqual(['BTC-USDT', 'ETH-USDT', 'SOL-USDC']);
    client.sendJson({
      id: '1',
      op: 'subscribe',
      args: [
        { channel: 'candle1m', instId: 'BTC-USDT' },
        { channel: 'candle1m', instId: 'NOPE-USDT' },
      ],
    });
    const ack = await client.nextJson((message) => message.event === 'subscribe');
    expect(ack).toEqual({
      id: '1',
      event: 'subscribe',
      arg: { channel: 'candle1m', instId: 'BTC-USDT' },
      connId: expect.any(String),
    });
    const error = await client.nextJson((message) => message.event === 'error');
    expect(error).toMatchObject({ id: '1', code: '60018' });
    expect(error.msg).toContain('channel:candle1m,instId:NOPE-USDT');
    expect(simulator.subscriptionCount()).toBe(1);

    await simulator.clock.advance(120_000);
    // The last push of the advance: the open update of the candle starting at +2 min.
    await client.nextJson(
      (message) =>
        Array.isArray(message.data) && (message.data as string[][])[0]![0] === String(START + 120_000),
    );
    const pushes = client
      .json()
      .filter((message) => (message as { arg?: unknown; data?: unknown }).data !== undefined) as Array<{
      arg: { channel: string; instId: string };
      data: string[][];
    }>;
    expect(pushes.length).toBeGreaterThan(100);
    for (const push of pushes) {
      expect(push.arg).toEqual({ channel: 'candle1m', instId: 'BTC-USDT' });
      expect(push.data[0]).toHaveLength(9);
      expect(push.data[0]!.every((value) => typeof value === 'string')).toBe(true);
    }
    const confirmed = pushes
      .filter((push) => push.data[0]![8] === '1')
      .map((push) => Number(push.data[0]![0]));
    expect(confirmed).toEqual([START, START + 60_000]);
    const final = pushes.find((push) => push.data[0]![8] === '1')!.data[0]!;
    const candle = simulator.candleAt('BTC-USDT', '1m', START)!;
    expect(Number(final[4])).toBe(candle.close);
    expect(Number(final[5])).toBeCloseTo(candle.volume, 8);
  });

  it('answers text ping with text pong and a JSON "ping" with 60012', async () => {
    const { client } = await business();
    client.send('ping');
    expect(await client.next((frame) => frame === 'pong')).toBe('pong');
    client.sendJson('ping');
    const error = await client.nextJson((message) => message.event === 'error');
    expect(error).toMatchObject({ code: '60012', msg: 'Illegal request: "ping"' });
  });

  it('answers candle subscribes on /ws/v5/public with 60018', async () => {
    simulator = await startOkxSimulator({ market: 'spot' });
    client = await connectTestClient(`${simulator.wsBase}/ws/v5/public`);
    client.sendJson({ op: 'subscribe', args: [{ channel: 'candle1m', instId: 'BTC-USDT' }] });
    const error = await client.nextJson((message) => message.event === 'error');
    expect(error.code).toBe('60018');
    expect(error.msg).toContain('wrong URL or channel:candle1m,instId:BTC-USDT');
  });

  it('is case-sensitive on channels (candle1h → 60018) and acks unsubscribe', async () => {
    const { simulator, client } = await business();
    client.sendJson({ op: 'subscribe', args: [{ channel: 'candle1h', instId: 'BTC-USDT' }] });
    expect((await client.nextJson((message) => message.event === 'error')).code).toBe('60018');
    client.sendJson({ op: 'subscribe', args: [{ channel: 'candle1H', instId: 'BTC-USDT' }] });
    await client.nextJson((message) => message.event === 'subscribe');
    client.sendJson({ op: 'unsubscribe', args: [{ channel: 'candle1H', instId: 'BTC-USDT' }] });
    const ack = await client.nextJson((message) => message.event === 'unsubscribe');
    expect(ack.arg).toEqual({ channel: 'candle1H', instId: 'BTC-USDT' });
    expect(simulator.subscriptionCount()).toBe(0);
  });

  it('closes 4004 when nothing was pushed for the idle timeout, and pings keep it alive', async () => {
    const { client } = await business({ market: 'spot', idleTimeoutMs: 300 });
    const started = Date.now();
    for (let index = 0; index < 6; index += 1) {
      client.send('ping');
      await client.next((frame) => frame === 'pong', { fromIndex: index });
      // The idle rule runs on real time: let a third of it pass between pings (the time is the subject).
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(Date.now() - started).toBeGreaterThan(500);
    const closed = await client.closed;
    expect(closed.code).toBe(4004);
    expect(closed.reason).toContain('No data received in 30s');
  });

  it('refuses subscribe requests above the hourly budget with 60014', async () => {
    const { client } = await business({ market: 'usdm', subscribeRequestsPerHour: 2 });
    for (let index = 0; index < 3; index += 1) {
      client.sendJson({
        id: String(index),
        op: 'subscribe',
        args: [{ channel: 'candle1m', instId: 'BTC-USDT-SWAP' }],
      });
    }
    const error = await client.nextJson((message) => message.event === 'error');
    expect(error).toMatchObject({ id: '2', code: '60014' });
    expect(
      client.json().filter((message) => (message as { event?: string }).event === 'subscribe'),
    ).toHaveLength(2);
  });

  it('pushes derivative rows with contracts, base and quote volumes', async () => {
    const { simulator, client } = await business({ market: 'coinm' });
    client.sendJson({ op: 'subscribe', args: [{ channel: 'candle1m', instId: 'BTC-USD-SWAP' }] });
    await client.nextJson((message) => message.event === 'subscribe');
    await simulator.clock.advance(60_000);
    const frame = await client.nextJson(
      (message) => Array.isArray(message.data) && (message.data as string[][])[0]![8] === '1',
    );
    const row = (frame.data as string[][])[0]!;
    const candle = simulator.candleAt('BTC-USD-SWAP', '1m', START)!;
    expect(Number(row[6])).toBeCloseTo(candle.volume, 8);
    expect(Number(row[7])).toBeCloseTo(candle.quoteVolume!, 2);
    // Inverse: contracts of 100 USD.
    expect(Number(row[5])).toBeCloseTo(candle.quoteVolume! / 100, 3);
  });

  it('drops connections on the fault and stays quiet while silenced', async () => {
    const { simulator, client } = await business({ market: 'spot', idleTimeoutMs: 200 });
    simulator.faults.silence();
    client.send('ping');
    // Nothing to await: the assertion is that no frame and no close happen over two idle periods.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(client.frames).toEqual([]);
    expect(simulator.connectionCount()).toBe(1);
    simulator.faults.resume();
    simulator.faults.dropConnections();
    expect((await client.closed).code).toBe(1006);
  });
});
