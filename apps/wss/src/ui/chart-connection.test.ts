import { describe, expect, it } from 'vitest';
import {
  ChartConnection,
  type ConnectionState,
  type SocketLike,
  type StreamMessage,
} from './chart-connection';
import { ReconnectBackoff } from './reconnect-backoff';

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  readonly sent: Array<Record<string, unknown>> = [];
  constructor(readonly url: string) {}
  send(text: string): void {
    this.sent.push(JSON.parse(text) as Record<string, unknown>);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ callback: () => void; ms: number }> = [];
  const states: ConnectionState[] = [];
  let token = 'first';
  const connection = new ChartConnection({
    url: () => `ws://127.0.0.1:1/?token=${token}`,
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    backoff: new ReconnectBackoff({ initialMs: 100, maxMs: 1_000, random: () => 1 }),
    setTimer: (callback, ms) => timers.push({ callback, ms }),
    clearTimer: () => {},
    onState: (state) => states.push(state),
  });
  const heard: StreamMessage[] = [];
  const events: string[] = [];
  let history = 50;
  const listener = {
    history: () => history,
    subscribed: (key: string) => events.push(`subscribed ${key}`),
    message: (message: StreamMessage) => heard.push(message),
    disconnected: () => events.push('disconnected'),
  };
  return {
    connection,
    sockets,
    timers,
    states,
    heard,
    events,
    listener,
    setHistory: (value: number) => (history = value),
    setToken: (value: string) => (token = value),
  };
}

const candle = (stream: string, openTime: number) => ({
  type: 'candle',
  stream,
  candle: { openTime, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3, closed: true },
  source: 'rest',
});

describe('ChartConnection', () => {
  it('subscribes each chart with history and routes its messages by canonical key', () => {
    const t = setup();
    t.connection.add('binance:spot:btc/usdt:1m', t.listener);
    t.connection.start();
    const socket = t.sockets[0] as FakeSocket;
    socket.open();
    expect(socket.sent).toEqual([
      { op: 'subscribe', id: 'chart-1', streams: ['binance:spot:btc/usdt:1m'], history: 50 },
    ]);
    socket.receive({ type: 'subscribed', id: 'chart-1', streams: ['binance:spot:BTCUSDT:1m'] });
    socket.receive(candle('binance:spot:BTCUSDT:1m', 60_000));
    socket.receive(candle('binance:spot:ETHUSDT:1m', 60_000));
    socket.receive({ type: 'stalled', stream: 'binance:spot:BTCUSDT:1m', silentMs: 500 });
    expect(t.events).toEqual(['subscribed binance:spot:BTCUSDT:1m']);
    expect(t.heard.map((message) => message.type)).toEqual(['candle', 'stalled']);
    expect(t.heard[0]).toMatchObject({ source: 'rest', candle: { openTime: 60_000 } });
  });

  it('hands a refused subscribe to the chart that asked', () => {
    const t = setup();
    t.connection.start();
    const socket = t.sockets[0] as FakeSocket;
    socket.open();
    t.connection.add('binance:spot:NOPE:1m', t.listener);
    socket.receive({
      type: 'error',
      id: 'chart-1',
      code: 'unknown_symbol',
      message: 'not listed',
      stream: 'binance:spot:NOPE:1m',
    });
    expect(t.heard).toEqual([
      {
        type: 'error',
        id: 'chart-1',
        stream: 'binance:spot:NOPE:1m',
        code: 'unknown_symbol',
        message: 'not listed',
      },
    ]);
  });

  it('reconnects with growing backoff after drops, then subscribes again with history', () => {
    const t = setup();
    t.connection.add('binance:spot:BTCUSDT:1m', t.listener);
    t.connection.start();
    (t.sockets[0] as FakeSocket).open();
    (t.sockets[0] as FakeSocket).receive({
      type: 'subscribed',
      id: 'chart-1',
      streams: ['binance:spot:BTCUSDT:1m'],
    });
    (t.sockets[0] as FakeSocket).drop();
    expect(t.events).toEqual(['subscribed binance:spot:BTCUSDT:1m', 'disconnected']);
    expect(t.states.at(-1)).toEqual({ state: 'reconnecting', attempt: 1, inMs: 100, reason: 'code 1006' });
    // The server is still down: the next attempts wait longer, up to the maximum.
    t.setToken('second');
    for (const expected of [200, 400, 800, 1_000]) {
      (t.timers.shift() as { callback: () => void }).callback();
      (t.sockets.at(-1) as FakeSocket).drop();
      expect(t.states.at(-1)).toMatchObject({ state: 'reconnecting', inMs: expected });
    }
    t.setHistory(120);
    (t.timers.shift() as { callback: () => void }).callback();
    const socket = t.sockets.at(-1) as FakeSocket;
    expect(socket.url).toBe('ws://127.0.0.1:1/?token=second');
    socket.open();
    expect(socket.sent).toEqual([
      { op: 'subscribe', id: 'chart-1', streams: ['binance:spot:BTCUSDT:1m'], history: 120 },
    ]);
    socket.receive({ type: 'subscribed', id: 'chart-1', streams: ['binance:spot:BTCUSDT:1m'] });
    // A working connection resets the backoff.
    socket.drop();
    expect(t.states.at(-1)).toMatchObject({ state: 'reconnecting', inMs: 100 });
  });

  it('unsubscribes a removed chart and stops for good', () => {
    const t = setup();
    const remove = t.connection.add('binance:spot:BTCUSDT:1m', t.listener);
    t.connection.start();
    const socket = t.sockets[0] as FakeSocket;
    socket.open();
    socket.receive({ type: 'subscribed', id: 'chart-1', streams: ['binance:spot:BTCUSDT:1m'] });
    remove();
    expect(socket.sent.at(-1)).toEqual({
      op: 'unsubscribe',
      id: 'chart-1',
      streams: ['binance:spot:BTCUSDT:1m'],
    });
    socket.receive(candle('binance:spot:BTCUSDT:1m', 60_000));
    expect(t.heard).toEqual([]);
    t.connection.stop();
    expect(t.states.at(-1)).toEqual({ state: 'stopped' });
    expect(t.timers).toEqual([]);
  });
});
