import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { ClientOutbox } from './client-outbox';

/** A socket whose bufferedAmount the test sets; records what was sent. */
function fakeSocket() {
  const sent: string[] = [];
  const socket = {
    readyState: 1,
    bufferedAmount: 0,
    send(data: Buffer | string) {
      sent.push(data.toString());
    },
  };
  return { socket, sent, asWebSocket: socket as unknown as WebSocket };
}

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
