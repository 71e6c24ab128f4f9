import type { WebSocket } from 'ws';

/** A socket whose bufferedAmount the test sets; records every frame sent. */
export function fakeSocket() {
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
