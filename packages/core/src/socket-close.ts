import WebSocket from 'ws';
import type { Clock } from './clock';

/**
 * Closes `socket` with 1000 and resolves once it is closed, or after `timeoutMs` on `clock` when
 * the peer does not answer the close (then the socket is terminated). A socket still connecting is
 * terminated at once.
 */
export function closeSocket(socket: WebSocket | undefined, clock: Clock, timeoutMs = 1_000): Promise<void> {
  if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = clock.setTimeout(() => {
      socket.terminate();
      resolve();
    }, timeoutMs);
    socket.once('close', () => {
      clock.clearTimeout(timer);
      resolve();
    });
    if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
    else socket.close(1000, 'feed closed');
  });
}
