import type { VenueSimulator } from '@ohlcv/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEGACY_SCRIPTS, LEGACY_VENUES, startVenue, venueEnv } from './legacy-venues';
import { type ServerProcess, startServerProcess } from './server-process';
import { connectClient, type Message, type TestClient } from './ws-client';

// Clients written to the older Python connector's documentation (legacy-python-connector.md §1, §2, §8),
// against the built server with every venue-market simulated.

const QUOTE_FIELDS = [
  'type',
  'current_time',
  'timestamp',
  'exchange',
  'symbol',
  'contract_type',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'trade_num',
  'is_closed_candle',
];
const PY_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/;
const PY_STR = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?\+00:00$/;

const simulators = new Map<string, VenueSimulator>();
let server: ServerProcess;

beforeAll(async () => {
  const env: Record<string, string> = { OHLCV_LOG_LEVEL: 'info' };
  for (const venue of LEGACY_VENUES) {
    const simulator = await startVenue(venue);
    simulators.set(venue, simulator);
    Object.assign(env, venueEnv(venue, simulator));
  }
  server = await startServerProcess(
    ['--linger-ms', '0', '--legacy-idle-timeout-ms', '120000', '--legacy-metrics'],
    env,
  );
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await Promise.all([...simulators.values()].map((simulator) => simulator.close()));
});

const quotes = (client: TestClient): Message[] =>
  client.messages.filter((message) => message.type === 'quote');

/** Steps the venue's virtual time until the client has `count` quotes (each step awaits delivery). */
async function quotesFrom(simulator: VenueSimulator, client: TestClient, count: number): Promise<void> {
  for (let step = 0; step < 60 && quotes(client).length < count; step += 1) {
    await simulator.clock.advance(20_000);
    await client
      .waitFor((messages) => messages.filter((m) => m.type === 'quote').length >= count, 250)
      .catch(() => {});
  }
  expect(quotes(client).length).toBeGreaterThanOrEqual(count);
}

describe('older connector clients, one per venue-market (its test scripts)', () => {
  it.each(LEGACY_SCRIPTS.map((script) => [script.name, script] as const))('%s', async (_name, script) => {
    const client = await connectClient(`${server.url}/any/path?ignored=1`);
    client.send({ ...script.subscribe, limit: 2 });
    await client.waitFor((messages) => messages.length >= 1);
    expect(client.messages[0]).toEqual({
      type: 'subscribed',
      exchange: script.subscribe.exchange,
      contract_type: script.subscribe.contract_type ?? null,
      symbols: script.subscribe.symbols,
      limit: 2,
    });
    await quotesFrom(simulators.get(script.venue)!, client, 2);
    const { code } = await client.closed;
    expect(code).toBe(1000);
    const received = quotes(client);
    expect(received).toHaveLength(2);
    expect(client.messages.filter((message) => message.type === 'error')).toEqual([]);
    for (const quote of received) {
      expect(Object.keys(quote)).toEqual(QUOTE_FIELDS);
      expect(quote).toMatchObject({ exchange: script.subscribe.exchange, ...script.quote });
      expect(quote.current_time).toMatch(PY_STR);
      expect(quote.timestamp).toMatch(PY_ISO);
      for (const field of ['open', 'high', 'low', 'close', 'volume'])
        expect(typeof quote[field]).toBe('number');
      expect(Number.isInteger(quote.trade_num)).toBe(true);
      expect(typeof quote.is_closed_candle).toBe('boolean');
    }
  });
});

describe('older connector probes and dashboards (its payload fields, its metric names)', () => {
  it('/metrics has connector_* fed with real values and /ready carries exchanges[] with honest codes', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const processed =
      /^connector_quotes_processed_total\{exchange="binance",contract_type="spot",is_closed="(True|False)"\} (\d+)$/m.exec(
        metrics,
      );
    expect(
      processed,
      metrics
        .split('\n')
        .filter((line) => line.startsWith('connector_'))
        .join('\n'),
    ).not.toBeNull();
    expect(Number(processed![2])).toBeGreaterThan(0);
    expect(metrics).toMatch(/^connector_build_info\{version="[^"]+",architecture="ohlcv"\} 1$/m);
    const ready = await fetch(`${base}/ready`);
    const body = (await ready.json()) as {
      ready: boolean;
      status: string;
      exchanges: unknown[];
      timestamp: string;
    };
    expect(ready.status).toBe(body.ready ? 200 : 503);
    expect(body.status).toBe(body.ready ? 'ready' : 'not_ready');
    expect(body.timestamp).toMatch(PY_ISO);
    expect(body.exchanges.length).toBeGreaterThan(0);
    expect(body.exchanges[0]).toEqual({
      exchange: expect.any(String),
      contract_type: expect.any(String),
      active_connections: expect.any(Number),
      last_message_time: expect.toSatisfy((value: unknown) => value === null || PY_ISO.test(String(value))),
      consecutive_failures: expect.any(Number),
      circuit_state: expect.stringMatching(/^(closed|open|half_open)$/),
      healthy: expect.any(Boolean),
    });
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ timestamp: expect.stringMatching(PY_ISO) });
  });
});

/** Sends one first message; resolves with every frame and the close. */
async function answerTo(first: unknown, options: { binary?: boolean } = {}) {
  const client = await connectClient(server.url);
  client.sendRaw(typeof first === 'string' ? first : JSON.stringify(first), options);
  const closed = await client.closed;
  return { messages: client.messages, ...closed };
}

describe('older connector error cases: one error with its fields, then a normal close', () => {
  it.each([
    [{ symbols: ['BTCUSDT'], exchange: '' }, "Field 'exchange' is required and must be a non-empty string"],
    [
      { exchange: 'binance', contract_type: 'spot' },
      "Field 'symbols' is required and must be a non-empty list",
    ],
    [
      { exchange: 'binance', contract_type: 'spot', symbols: ['BTCUSDT', 7] },
      'Each symbol must be a non-empty string',
    ],
    [
      { exchange: 'binance', contract_type: '', symbols: ['BTCUSDT'] },
      "Field 'contract_type' must be a non-empty string when provided",
    ],
    [
      { exchange: 'binance', contract_type: 'spot', symbols: ['BTCUSDT'], limit: -1 },
      "Field 'limit' must be a non-negative integer",
    ],
  ])('validation: %j', async (first, text) => {
    const { messages, code } = await answerTo(first);
    expect(code).toBe(1000);
    expect(messages).toEqual([
      expect.objectContaining({ type: 'error', message: text, system_message: text }),
    ]);
  });

  it.each([
    [{ exchange: 'kraken', contract_type: 'spot', symbols: ['X'] }, 'Unsupported exchange: kraken'],
    [{ exchange: 'binance', symbols: ['BTCUSDT'] }, 'Binance connector requires --market (spot|um|cm)'],
    [
      { exchange: 'binance', contract_type: 'linear', symbols: ['BTCUSDT'] },
      'Unsupported Binance contract_type: linear',
    ],
    [
      { exchange: 'bybit', contract_type: 'usdx', symbols: ['BTCUSDT'] },
      'Unsupported Bybit contract_type. Use one of spot, linear (aka um/usd-m), inverse (aka cm/coin-m).',
    ],
    [
      { exchange: 'gateio', contract_type: 'swap', symbols: ['BTC_USDT'] },
      'Unsupported Gate.io contract_type. Use spot, um/usd-m, or cm/coin-m.',
    ],
    [
      { exchange: 'hyperliquid', contract_type: 'linear', symbols: ['BTC'] },
      'Unsupported Hyperliquid contract_type. Use spot, usdm (perp), or coinm.',
    ],
  ])('unsupported exchange or contract_type: no subscribed, %j', async (first, text) => {
    const { messages, code } = await answerTo(first);
    expect(code).toBe(1000);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      type: 'error',
      message: text,
      system_message: text,
      exchange: (first as { exchange: string }).exchange,
    });
    if ('contract_type' in first) expect(messages[0]).toMatchObject({ contract_type: first.contract_type });
    else expect(messages[0]).not.toHaveProperty('contract_type');
  });

  it('a subscribe in a binary frame is accepted, as that connector did', async () => {
    const client = await connectClient(server.url);
    client.sendRaw(Buffer.from(JSON.stringify({ exchange: 'kraken', symbols: ['X'] })), { binary: true });
    await client.closed;
    expect(client.messages[0]).toMatchObject({ type: 'error', message: 'Unsupported exchange: kraken' });
  });

  it('subscribed comes first; an invalid symbol gets its error after it and the good one streams', async () => {
    const client = await connectClient(server.url);
    client.send({ exchange: 'binance', contract_type: 'UM', symbols: ['NOPEUSDT', 'btcusdt'], limit: 1 });
    await client.waitFor((messages) => messages.some((message) => message.type === 'error'));
    expect(client.messages[0]).toEqual({
      type: 'subscribed',
      exchange: 'binance',
      contract_type: 'UM',
      symbols: ['NOPEUSDT', 'btcusdt'],
      limit: 1,
    });
    const error = client.messages.find((message) => message.type === 'error')!;
    expect(error).toMatchObject({
      message: 'Subscription rejected by exchange',
      system_message: 'Subscription rejected by exchange',
      exchange: 'binance',
      contract_type: 'UM',
      symbols: ['NOPEUSDT'],
      symbol: 'NOPEUSDT',
      code: 'unknown_symbol',
    });
    expect(String(error.exchange_message)).toContain('NOPEUSDT');
    await quotesFrom(simulators.get('binance:usdm')!, client, 1);
    expect((await client.closed).code).toBe(1000);
    expect(quotes(client)[0]).toMatchObject({ symbol: 'BTCUSDT', contract_type: 'usdm' });
  });

  it('no valid symbol: subscribed, the errors, then a normal close', async () => {
    const { messages, code } = await answerTo({
      exchange: 'hyperliquid',
      contract_type: 'spot',
      symbols: ['PURR', 'NOPE/USDC'],
    });
    expect(code).toBe(1000);
    expect(messages[0]).toMatchObject({ type: 'subscribed' });
    const errors = messages.filter((message) => message.type === 'error');
    expect(
      errors
        .map((error) => error.symbol)
        .filter(Boolean)
        .sort(),
    ).toEqual(['NOPE/USDC', 'PURR']);
    expect(errors.at(-1)).toMatchObject({
      message: 'No valid symbols to subscribe',
      exchange: 'hyperliquid',
      symbols: ['PURR', 'NOPE/USDC'],
    });
  });
});

describe('older connector timeouts (CONNECTOR_WSS_SUBSCRIBE_TIMEOUT, CONNECTOR_STREAM_IDLE_TIMEOUT)', () => {
  let timed: ServerProcess;

  beforeAll(async () => {
    const simulator = simulators.get('binance:spot')!;
    timed = await startServerProcess([], {
      ...venueEnv('binance:spot', simulator),
      CONNECTOR_WSS_SUBSCRIBE_TIMEOUT: '1.0',
      CONNECTOR_STREAM_IDLE_TIMEOUT: '1',
    });
  });

  afterAll(async () => {
    await timed?.stop();
  });

  it('no subscribe within the timeout: its error, then close 1000', async () => {
    const client = await connectClient(timed.url);
    const { code } = await client.closed;
    expect(code).toBe(1000);
    expect(client.messages).toEqual([
      expect.objectContaining({
        type: 'error',
        message: 'No subscription payload received within 1 seconds',
      }),
    ]);
  });

  it('no quote within the idle timeout: its error, then close 1000', async () => {
    const client = await connectClient(timed.url);
    client.send({ exchange: 'binance', contract_type: 'spot', symbols: ['ETHUSDT'] });
    const { code } = await client.closed;
    expect(code).toBe(1000);
    expect(client.messages[0]).toMatchObject({ type: 'subscribed' });
    expect(client.messages.at(-1)).toMatchObject({
      type: 'error',
      message: 'No quotes received for 1 seconds from binance::spot. Subscription cancelled.',
      exchange: 'binance',
      contract_type: 'spot',
      symbols: ['ETHUSDT'],
    });
  });
});
