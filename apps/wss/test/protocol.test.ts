import { type BinanceSimulator, startBinanceSimulator } from '@ohlcv/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, simulatorEnv, startServerProcess } from './server-process';
import { closedCandles, connectClient, type Message, until } from './ws-client';

const MINUTE = 60_000;

let simulator: BinanceSimulator;
let server: ServerProcess;

beforeAll(async () => {
  simulator = await startBinanceSimulator({ market: 'spot' });
  server = await startServerProcess(
    [
      '--linger-ms',
      '0',
      '--max-streams-per-client',
      '3',
      '--max-ops-per-second',
      '5',
      '--max-message-bytes',
      '1024',
      '--max-history',
      '500',
    ],
    simulatorEnv('SPOT', simulator),
  );
});

afterAll(async () => {
  await server?.stop();
  await simulator?.close();
});

function openTimes(messages: Message[], stream: string): number[] {
  return closedCandles(messages)
    .filter((entry) => entry.stream === stream)
    .map((entry) => entry.candle.openTime as number);
}

function expectConsecutive(times: number[], step: number): void {
  for (let index = 1; index < times.length; index += 1) expect(times[index]! - times[index - 1]!).toBe(step);
}

describe('ohlcv-wss protocol (built server, Binance simulator)', () => {
  it('joins history and live without gap or duplicate, from the live cache and from REST', async () => {
    const stream = 'binance:spot:ETHUSDT:1m';
    const early = await connectClient(server.url);
    early.send({ op: 'subscribe', id: 'a', streams: [stream] });
    await early.waitFor((messages) => messages.some((message) => message.type === 'subscribed'));
    await until(() => simulator.subscriptionCount() === 1, 10_000, 'upstream subscribed');
    await simulator.clock.advance(5 * MINUTE);
    await early.waitFor((messages) => openTimes(messages, stream).length >= 5);
    const seenLive = openTimes(early.messages, stream);

    // A second client asks for 8 closed candles: more than the stream has seen live, so REST fills the rest.
    const late = await connectClient(server.url);
    late.send({
      op: 'subscribe',
      id: 'b',
      streams: [{ exchange: 'binance', market: 'spot', symbol: 'eth/usdt', interval: '1m' }],
      history: 8,
    });
    await late.waitFor((messages) => openTimes(messages, stream).length >= 8);
    expect(late.messages[0]).toEqual({ type: 'subscribed', id: 'b', streams: [stream] });
    const history = openTimes(late.messages, stream);
    expect(history).toHaveLength(8);
    expect(history[history.length - 1]).toBe(seenLive[seenLive.length - 1]);
    expectConsecutive(history, MINUTE);
    // Each candle says where it came from: the live stream, or REST (the history beyond the cache).
    const sources = (messages: typeof late.messages) =>
      messages.filter((message) => message.type === 'candle').map((message) => message.source);
    expect(new Set(sources(early.messages))).toEqual(new Set(['live']));
    expect(sources(late.messages)[0]).toBe('rest');

    await simulator.clock.advance(3 * MINUTE);
    await late.waitFor((messages) => openTimes(messages, stream).length >= 11);
    await early.waitFor((messages) => openTimes(messages, stream).length >= seenLive.length + 3);
    const all = openTimes(late.messages, stream);
    expect(all).toHaveLength(11);
    expectConsecutive(all, MINUTE);
    expect(all.slice(-3)).toEqual(openTimes(early.messages, stream).slice(-3));
    expect(simulator.subscriptionCount()).toBe(1);
    early.close();
    late.close();
    await until(() => simulator.subscriptionCount() === 0, 10_000, 'upstream released');
  });

  it('speaks the older connector protocol: subscribed, then quotes until the limit', async () => {
    const client = await connectClient(server.url);
    client.send({ exchange: 'binance', contract_type: 'spot', symbols: ['BTCUSDT', 'NOPEUSDT'], limit: 3 });
    await client.waitFor((messages) => messages.some((message) => message.type === 'subscribed'));
    expect(client.messages[0]).toEqual({
      type: 'subscribed',
      exchange: 'binance',
      contract_type: 'spot',
      symbols: ['BTCUSDT', 'NOPEUSDT'],
      limit: 3,
    });
    await client.waitFor((messages) => messages.some((message) => message.type === 'error'));
    const error = client.messages.find((message) => message.type === 'error');
    expect(error).toMatchObject({ type: 'error', symbol: 'NOPEUSDT' });
    expect(String(error?.exchange_message)).toContain('NOPEUSDT');
    await until(() => simulator.subscriptionCount() === 1, 10_000, 'upstream subscribed');
    await simulator.clock.advance(5 * MINUTE);
    const { code, reason } = await client.closed;
    expect(code).toBe(1000);
    expect(reason).toContain('limit of 3 quotes');
    const quotes = client.messages.filter((message) => message.type === 'quote');
    expect(quotes).toHaveLength(3);
    for (const quote of quotes) {
      expect(Object.keys(quote).sort()).toEqual(
        [
          'close',
          'contract_type',
          'current_time',
          'exchange',
          'high',
          'is_closed_candle',
          'low',
          'open',
          'symbol',
          'timestamp',
          'trade_num',
          'type',
          'volume',
        ].sort(),
      );
      expect(quote).toMatchObject({ exchange: 'binance', symbol: 'BTCUSDT', contract_type: 'spot' });
      expect(quote.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+00:00$/);
    }
    const closedQuote = quotes.find((quote) => quote.is_closed_candle === true);
    if (closedQuote) {
      const candle = simulator.candleAt('BTCUSDT', '1m', Date.parse(closedQuote.timestamp as string))!;
      expect(candle).toBeDefined();
      expect(closedQuote).toMatchObject({ open: candle.open, close: candle.close, volume: candle.volume });
    }
  });

  it('answers every bad input with its error and keeps serving', async () => {
    const client = await connectClient(server.url);
    const errorsSeen = (count: number) => (messages: Message[]) =>
      messages.filter((message) => message.type === 'error').length >= count;

    client.sendRaw('{not json');
    await client.waitFor(errorsSeen(1));
    client.send({ op: 'dance', id: 1 });
    await client.waitFor(errorsSeen(2));
    client.sendRaw(JSON.stringify({ op: 'ping', pad: 'x'.repeat(2_000) }));
    await client.waitFor(errorsSeen(3));
    client.send({
      op: 'subscribe',
      id: 's',
      streams: ['nasdaq:spot:AAPL:1m', 'hyperliquid:coinm:BTC:1m', 'binance:spot:NOPEUSDT:1m'],
    });
    await client.waitFor(errorsSeen(6));
    client.send({
      op: 'subscribe',
      id: 's',
      streams: ['binance:spot:BTCUSDT:7m', 'binance:moon:BTCUSDT:1m'],
    });
    await client.waitFor(errorsSeen(8));
    const errors = client.messages.filter((message) => message.type === 'error');
    expect(errors[0]).toMatchObject({ code: 'invalid_json' });
    expect(errors[1]).toMatchObject({ code: 'unknown_op', id: 1 });
    expect(String(errors[1]!.message)).toContain('"dance"');
    expect(errors[2]).toMatchObject({ code: 'message_too_large' });
    const byStream = Object.fromEntries(errors.slice(3).map((error) => [error.stream, error.code]));
    expect(byStream).toEqual({
      'nasdaq:spot:AAPL:1m': 'unknown_exchange',
      'hyperliquid:coinm:BTC:1m': 'unsupported_market',
      'binance:spot:NOPEUSDT:1m': 'unknown_symbol',
      'binance:spot:BTCUSDT:7m': 'unsupported_interval',
      'binance:moon:BTCUSDT:1m': 'unknown_market',
    });
    expect(errors.slice(3).every((error) => error.id === 's')).toBe(true);

    // Too many streams: 4 in one op, then a 4th after 3.
    const second = await connectClient(server.url);
    second.send({
      op: 'subscribe',
      id: 1,
      streams: [
        'binance:spot:BTCUSDT:1m',
        'binance:spot:ETHUSDT:1m',
        'binance:spot:BTCUSDT:5m',
        'binance:spot:ETHUSDT:5m',
      ],
    });
    await second.waitFor(errorsSeen(1));
    expect(second.messages[0]).toMatchObject({ type: 'error', id: 1, code: 'too_many_streams' });
    second.send({
      op: 'subscribe',
      id: 2,
      streams: ['binance:spot:BTCUSDT:1m', 'binance:spot:ETHUSDT:1m', 'binance:spot:BTCUSDT:5m'],
    });
    await second.waitFor((messages) => messages.some((message) => message.type === 'subscribed'));
    second.send({ op: 'subscribe', id: 3, streams: ['binance:spot:ETHUSDT:5m'] });
    await second.waitFor(errorsSeen(2));
    expect(second.messages.at(-1)).toMatchObject({
      type: 'error',
      id: 3,
      code: 'too_many_streams',
      stream: 'binance:spot:ETHUSDT:5m',
    });

    // A flood of ops: beyond 5 per second they are refused; the connection stays.
    const flooder = await connectClient(server.url);
    for (let index = 0; index < 20; index += 1) flooder.send({ op: 'ping' });
    await flooder.waitFor((messages) => messages.length >= 20);
    expect(flooder.messages.filter((message) => message.type === 'pong').length).toBeLessThanOrEqual(6);
    expect(
      flooder.messages.filter((message) => message.code === 'rate_limited').length,
    ).toBeGreaterThanOrEqual(14);
    expect(flooder.socket.readyState).toBe(flooder.socket.OPEN);

    // Everyone is still served; unsubscribe and binary frames too.
    const fresh = await connectClient(server.url);
    fresh.send({ op: 'ping', id: 'p' });
    await fresh.waitFor((messages) => messages.some((message) => message.type === 'pong'));
    expect(fresh.messages[0]).toEqual({ type: 'pong', id: 'p' });
    fresh.send({ op: 'subscribe', id: 'x', streams: ['binance:spot:BTCUSDT:1m'] });
    await fresh.waitFor((messages) => messages.some((message) => message.type === 'subscribed'));
    fresh.send({
      op: 'unsubscribe',
      id: 'y',
      streams: ['binance:spot:BTCUSDT:1m', 'binance:spot:ETHUSDT:1m'],
    });
    await fresh.waitFor((messages) => messages.some((message) => message.type === 'unsubscribed'));
    expect(fresh.messages).toContainEqual({
      type: 'unsubscribed',
      id: 'y',
      streams: ['binance:spot:BTCUSDT:1m'],
    });
    expect(fresh.messages).toContainEqual(
      expect.objectContaining({
        type: 'error',
        id: 'y',
        code: 'not_subscribed',
        stream: 'binance:spot:ETHUSDT:1m',
      }),
    );
    fresh.sendRaw(Buffer.from('{"op":"ping"}'), { binary: true });
    await fresh.waitFor((messages) => messages.some((message) => message.code === 'invalid_message'));
    for (const each of [client, second, flooder, fresh]) each.close();
  });
});
