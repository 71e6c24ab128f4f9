import { type AddressInfo, connect, createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { fakeSocket } from '../test/fake-socket';
import { ClientOutbox, destroySocket } from './client-outbox';

const channelA = {};
const channelB = {};
const message = (text: string) => Buffer.from(text);

describe('ClientOutbox', () => {
  it('sends straight to the socket while it keeps up', () => {
    const { sent, asWebSocket } = fakeSocket();
    const onBacklog = vi.fn();
    const outbox = new ClientOutbox(asWebSocket, {
      maxBufferedBytes: 1_000,
      highWaterBytes: 100,
      onOverflow: vi.fn(),
      onBacklog,
    });
    outbox.sendCandle(message('open-1'), channelA, false, 1);
    outbox.sendText('pong');
    expect(sent).toEqual(['open-1', 'pong']);
    expect(onBacklog).not.toHaveBeenCalled();
  });

  it('when backlogged, conflates open updates per stream and keeps every closed candle in order', () => {
    const { socket, sent, asWebSocket } = fakeSocket();
    const onBacklog = vi.fn();
    const outbox = new ClientOutbox(asWebSocket, {
      maxBufferedBytes: 10_000,
      highWaterBytes: 100,
      onOverflow: vi.fn(),
      onBacklog,
    });
    socket.bufferedAmount = 500;
    outbox.sendCandle(message('A open t1 a'), channelA, false, 1);
    outbox.sendCandle(message('B open t1'), channelB, false, 1);
    outbox.sendCandle(message('A open t1 b'), channelA, false, 1);
    outbox.sendCandle(message('A closed t1'), channelA, true, 1);
    outbox.sendCandle(message('A open t2 a'), channelA, false, 2);
    outbox.sendCandle(message('A open t2 b'), channelA, false, 2);
    outbox.sendText('stalled');
    expect(sent).toEqual([]);
    expect(onBacklog).toHaveBeenCalledTimes(1);
    socket.bufferedAmount = 0;
    expect(outbox.flush()).toBe(false);
    // The queued open of t1 was superseded by its closed candle; t2's updates conflated to the latest.
    expect(sent).toEqual(['B open t1', 'A closed t1', 'A open t2 b', 'stalled']);
    expect(outbox.pendingBytes).toBe(0);
  });

  it('flushes only while the socket is under the high-water mark', () => {
    const { socket, sent, asWebSocket } = fakeSocket();
    const outbox = new ClientOutbox(asWebSocket, {
      maxBufferedBytes: 10_000,
      highWaterBytes: 100,
      onOverflow: vi.fn(),
      onBacklog: vi.fn(),
    });
    socket.bufferedAmount = 200;
    outbox.sendCandle(message('c1'), channelA, true, 1);
    outbox.sendCandle(message('c2'), channelA, true, 2);
    socket.send = (data: Buffer | string) => {
      sent.push(data.toString());
      socket.bufferedAmount = 150;
    };
    socket.bufferedAmount = 0;
    expect(outbox.flush()).toBe(true);
    expect(sent).toEqual(['c1']);
    expect(outbox.flush()).toBe(true);
    expect(sent).toEqual(['c1']);
    socket.bufferedAmount = 0;
    expect(outbox.flush()).toBe(false);
    expect(sent).toEqual(['c1', 'c2']);
  });

  it('past the bound (socket + queue) reports the overflow once and drops the queue', () => {
    const { socket, sent, asWebSocket } = fakeSocket();
    const onOverflow = vi.fn();
    const outbox = new ClientOutbox(asWebSocket, {
      maxBufferedBytes: 1_000,
      highWaterBytes: 100,
      onOverflow,
      onBacklog: vi.fn(),
    });
    socket.bufferedAmount = 900;
    outbox.sendCandle(Buffer.alloc(60, 'x'), channelA, true, 1);
    expect(onOverflow).not.toHaveBeenCalled();
    outbox.sendCandle(Buffer.alloc(60, 'y'), channelA, true, 2);
    expect(onOverflow).toHaveBeenCalledWith(1_020);
    expect(outbox.closed).toBe(true);
    outbox.sendCandle(Buffer.alloc(60, 'z'), channelA, true, 3);
    socket.bufferedAmount = 0;
    expect(outbox.flush()).toBe(false);
    expect(sent).toEqual([]);
    expect(onOverflow).toHaveBeenCalledTimes(1);
  });
});

describe('ClientOutbox socket bound in messages', () => {
  it('hands a socket that does not drain at most maxSocketMessages, however small they are', () => {
    const { socket, sent, asWebSocket } = fakeSocket();
    const outbox = new ClientOutbox(asWebSocket, {
      maxBufferedBytes: 10_000_000,
      highWaterBytes: 1_000_000,
      maxSocketMessages: 50,
      onOverflow: vi.fn(),
      onBacklog: vi.fn(),
    });
    // Every send sits in the socket: bufferedAmount grows by its size and never drops to 0.
    socket.send = (data: Buffer | string) => {
      sent.push(data.toString());
      socket.bufferedAmount += data.length;
    };
    for (let index = 0; index < 10_000; index += 1)
      outbox.sendCandle(message(`c${index}`), channelA, true, index);
    expect(sent).toHaveLength(50);
    expect(outbox.backlogged).toBe(true);
    // Once the socket drains, the queue moves on in order.
    socket.bufferedAmount = 0;
    outbox.flush();
    expect(sent.slice(50, 52)).toEqual(['c50', 'c51']);
  });
});

describe('destroySocket', () => {
  it('ends a socket with thousands of queued chunks using one error for all of them', async () => {
    const server = createServer((peer) => peer.pause());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const raw = connect(port, '127.0.0.1');
    await new Promise((resolve) => raw.once('connect', resolve));
    const errors = new Set<unknown>();
    let queued = 0;
    const chunk = Buffer.alloc(1_024);
    while (raw.writableLength < 8 * 1024 * 1024) {
      raw.write(chunk, (error) => errors.add(error));
      queued += 1;
    }
    const closed = new Promise((resolve) => raw.once('close', resolve));
    raw.on('error', () => {});
    destroySocket({ _socket: raw, terminate: () => raw.destroy() } as unknown as WebSocket);
    await closed;
    expect(queued).toBeGreaterThan(1_000);
    expect(errors.size).toBeLessThanOrEqual(2);
    server.close();
  });
});
