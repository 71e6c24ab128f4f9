import { afterEach, describe, expect, it } from 'vitest';
import { connectTestClient, type TestClient } from '../sim/test-client';
import type { VenueSimulator } from '../simulator-types';
import { startBybitSimulator } from './bybit-simulator';

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

let barriers = 0;

/** Every frame the server sent before this call has arrived once the pong to this ping is in. */
async function barrier(client: TestClient): Promise<void> {
  const requestId = `barrier-${barriers++}`;
  client.sendJson({ op: 'ping', req_id: requestId });
  await client.nextJson((message) => message.req_id === requestId);
}

type Push = { topic: string; data: Array<Record<string, unknown>>; ts: number; type: string };

function pushes(client: TestClient, topic?: string): Push[] {
  return client
    .json()
    .filter(
      (message): message is Push => typeof message === 'object' && message !== null && 'topic' in message,
    )
    .filter((push) => topic === undefined || push.topic === topic);
}

describe('bybit simulator WebSocket', () => {
  it('acks one frame once (spot ret_msg "subscribe", req_id echoed) and pushes snapshots with confirm', async () => {
    simulator = await startBybitSimulator({ market: 'spot' });
    const client = await connect('/v5/public/spot');
    client.sendJson({ op: 'subscribe', args: ['kline.1.BTCUSDT', 'kline.5.ETHUSDT'], req_id: '1' });
    const ack = await client.nextJson((message) => message.op === 'subscribe');
    expect(ack).toMatchObject({ success: true, ret_msg: 'subscribe', req_id: '1', op: 'subscribe' });
    expect(typeof ack.conn_id).toBe('string');
    expect(client.json().filter((message) => (message as { op?: string }).op === 'subscribe')).toHaveLength(
      1,
    );

    await simulator.clock.advance(MINUTE);
    await barrier(client);
    const btc = pushes(client, 'kline.1.BTCUSDT');
    expect(btc.every((push) => push.type === 'snapshot' && push.data.length === 1)).toBe(true);
    const closed = btc.filter((push) => push.data[0]!.confirm === true);
    expect(closed).toHaveLength(1);
    const [final] = closed[0]!.data;
    const start = final!.start as number;
    expect(final).toMatchObject({ end: start + MINUTE - 1, interval: '1' });
    const expected = simulator.candleAt('BTCUSDT', '1m', start)!;
    expect(Number(final!.close)).toBe(expected.close);
    expect(Number(final!.volume)).toBe(expected.volume);
    expect(Number(final!.turnover)).toBe(expected.quoteVolume);
    const updates = btc.filter((push) => push.data[0]!.start === start && push.data[0]!.confirm === false);
    expect(updates.length).toBeGreaterThan(10);
  });

  it('contracts ack with ret_msg "" and answer ping with a pong carrying req_id', async () => {
    simulator = await startBybitSimulator({ market: 'usdm' });
    const client = await connect('/v5/public/linear');
    client.sendJson({ op: 'subscribe', args: ['kline.1.BTCUSDT'], req_id: '7' });
    expect(await client.nextJson((message) => message.op === 'subscribe')).toMatchObject({
      success: true,
      ret_msg: '',
      req_id: '7',
    });
    client.sendJson({ op: 'ping' });
    expect(await client.nextJson((message) => message.op === 'ping')).toMatchObject({
      success: true,
      ret_msg: 'pong',
      req_id: '',
    });
  });

  it('inverse pushes volume in USD contracts and turnover in base', async () => {
    simulator = await startBybitSimulator({ market: 'coinm' });
    const client = await connect('/v5/public/inverse');
    client.sendJson({ op: 'subscribe', args: ['kline.1.BTCUSD'], req_id: '1' });
    await client.nextJson((message) => message.op === 'subscribe');
    await simulator.clock.advance(MINUTE);
    await barrier(client);
    const final = pushes(client, 'kline.1.BTCUSD').find((push) => push.data[0]!.confirm === true)!.data[0]!;
    const expected = simulator.candleAt('BTCUSD', '1m', final.start as number)!;
    expect(Number(final.turnover)).toBe(expected.volume);
    expect(Number(final.volume)).toBe(expected.quoteVolume);
    expect(Number.isInteger(Number(final.volume))).toBe(true);
  });

  it('fails every topic of a frame with one bad topic, keeps the socket up, and delivers a good topic re-subscribed alone', async () => {
    simulator = await startBybitSimulator({ market: 'usdm' });
    const client = await connect('/v5/public/linear');
    client.sendJson({
      op: 'subscribe',
      args: ['kline.1.BTCUSDT', 'kline.1.BTCUSD', 'kline.1.ETHUSDT'],
      req_id: '3',
    });
    expect(await client.nextJson((message) => message.op === 'subscribe')).toEqual({
      success: false,
      ret_msg: 'error:handler not found,topic:kline.1.BTCUSD',
      conn_id: expect.any(String),
      req_id: '3',
      op: 'subscribe',
    });
    await simulator.clock.advance(2 * MINUTE);
    await barrier(client);
    expect(pushes(client)).toEqual([]);
    expect(simulator.subscriptionCount()).toBe(0);

    client.sendJson({ op: 'ping', req_id: '4' });
    expect(await client.nextJson((message) => message.req_id === '4')).toMatchObject({
      ret_msg: 'pong',
      op: 'ping',
    });

    client.sendJson({ op: 'subscribe', args: ['kline.1.BTCUSDT'], req_id: '5' });
    expect(await client.nextJson((message) => message.req_id === '5')).toMatchObject({ success: true });
    await simulator.clock.advance(MINUTE);
    await barrier(client);
    expect(pushes(client, 'kline.1.BTCUSDT').length).toBeGreaterThan(0);
    expect(pushes(client, 'kline.1.ETHUSDT')).toEqual([]);
  });

  it('delistedSymbols: listed by instruments-info, refused on the socket with its whole frame', async () => {
    simulator = await startBybitSimulator({ market: 'usdm', delistedSymbols: ['LUNAUSDT'] });
    expect(simulator.symbols).not.toContain('LUNAUSDT');
    const listing = (await (
      await fetch(`${simulator.restBase}/v5/market/instruments-info?category=linear`)
    ).json()) as { result: { list: Array<{ symbol: string }> } };
    expect(listing.result.list.map((row) => row.symbol)).toContain('LUNAUSDT');
    const client = await connect('/v5/public/linear');
    client.sendJson({ op: 'subscribe', args: ['kline.1.BTCUSDT', 'kline.1.LUNAUSDT'], req_id: 'x' });
    expect(await client.nextJson((message) => message.req_id === 'x')).toMatchObject({
      success: false,
      ret_msg: 'Invalid symbol :[kline.1.LUNAUSDT]',
    });
    expect(simulator.subscriptionCount()).toBe(0);
  });

  it('refuses the documented ways: unknown symbol, lowercase, bad interval, duplicate, spot > 10 args', async () => {
    simulator = await startBybitSimulator({ market: 'spot' });
    const client = await connect('/v5/public/spot');
    const refusal = async (args: string[], requestId: string) => {
      client.sendJson({ op: 'subscribe', args, req_id: requestId });
      return (await client.nextJson((message) => message.req_id === requestId)).ret_msg;
    };
    expect(await refusal(['kline.1.NOPEUSDT'], 'a')).toBe('Invalid symbol :[kline.1.NOPEUSDT]');
    expect(await refusal(['kline.1.btcusdt'], 'b')).toBe('error:handler not found,topic:kline.1.btcusdt');
    expect(await refusal(['kline.480.BTCUSDT'], 'c')).toBe('error:handler not found,topic:kline.480.BTCUSDT');
    expect(await refusal(['kline.1.BTCPERP'], 'd')).toBe('error:handler not found,topic:kline.1.BTCPERP');
    const eleven = Array.from(
      { length: 11 },
      (_, index) =>
        `kline.${['1', '3', '5', '15', '30', '60', '120', '240', '360', '720', 'D'][index]}.BTCUSDT`,
    );
    expect(await refusal(eleven, 'e')).toBe('args size >10');
    expect(await refusal(['kline.1.BTCUSDT'], 'f')).toBe('subscribe');
    expect(await refusal(['kline.1.BTCUSDT'], 'g')).toBe('error:already subscribed,topic:kline.1.BTCUSDT');
    await barrier(client);
    const before = pushes(client, 'kline.1.BTCUSDT').length;
    await simulator.clock.advance(5_000);
    await barrier(client);
    expect(pushes(client, 'kline.1.BTCUSDT').length).toBeGreaterThan(before);
    client.send('hello');
    expect(
      String((await client.nextJson((message) => message.success === false && message.op === '')).ret_msg),
    ).toContain('Failed to decode incoming data');
    client.sendJson({ op: 'auth', req_id: 'h' });
    expect((await client.nextJson((message) => message.req_id === 'h')).ret_msg).toBe('error:invalid op');
  });

  it('refuses topics beyond the per-connection character budget', async () => {
    simulator = await startBybitSimulator({ market: 'usdm', maxArgCharsPerConnection: 30 });
    const client = await connect('/v5/public/linear');
    client.sendJson({ op: 'subscribe', args: ['kline.1.BTCUSDT'], req_id: '1' });
    expect(await client.nextJson((message) => message.req_id === '1')).toMatchObject({ success: true });
    client.sendJson({ op: 'subscribe', args: ['kline.1.ETHUSDT', 'kline.5.ETHUSDT'], req_id: '2' });
    expect(await client.nextJson((message) => message.req_id === '2')).toMatchObject({ success: false });
    client.sendJson({ op: 'unsubscribe', args: ['kline.1.BTCUSDT'], req_id: '3' });
    expect(await client.nextJson((message) => message.req_id === '3')).toMatchObject({
      success: true,
      op: 'unsubscribe',
    });
    client.sendJson({ op: 'subscribe', args: ['kline.1.ETHUSDT'], req_id: '4' });
    expect(await client.nextJson((message) => message.req_id === '4')).toMatchObject({ success: true });
  });

  it('cuts a client that neither pings nor gets data, and keeps one that pings', async () => {
    simulator = await startBybitSimulator({ market: 'spot', idleTimeoutMs: 150 });
    const idle = await connect('/v5/public/spot');
    const pinging = await connect('/v5/public/spot');
    const timer = setInterval(() => pinging.sendJson({ op: 'ping' }), 30);
    try {
      expect((await idle.closed).code).toBe(1006);
      expect(pinging.socket.readyState).toBe(pinging.socket.OPEN);
    } finally {
      clearInterval(timer);
    }
  });

  it('applies faults on the wire: silence, malformed frames and dropped connections', async () => {
    simulator = await startBybitSimulator({ market: 'usdm' });
    const client = await connect('/v5/public/linear');
    client.sendJson({ op: 'subscribe', args: ['kline.1.BTCUSDT'], req_id: '1' });
    await client.nextJson((message) => message.req_id === '1');
    await barrier(client);
    simulator.faults.silence();
    const silentFrom = client.frames.length;
    await simulator.clock.advance(5_000);
    simulator.faults.resume();
    await barrier(client);
    // Nothing but the barrier's pong arrived: the 5 pushes of the silent span were never sent.
    expect(client.frames.slice(silentFrom).map((frame) => JSON.parse(frame).op)).toEqual(['ping']);
    simulator.faults.malformedFrames(1);
    await simulator.clock.advance(1_000);
    await barrier(client);
    expect(
      client.frames.some(
        (frame) => frame.startsWith('{"topic":"kline.1.BTCUSDT","data":[{"start":') && !frame.endsWith('}'),
      ),
    ).toBe(true);
    simulator.faults.dropConnections();
    expect((await client.closed).code).toBe(1006);
  });
});
