import type { Socket } from 'node:net';
import type { Logger } from '@ohlcv/core';
import type { ServerMetrics } from '@ohlcv/health';
import type { LogThrottle } from './log-throttle';

/**
 * TCP connections at most from one IP address (WebSocket or not): a connection past the limit gets
 * `429 Too Many Requests` and is closed; the slot frees when a counted connection closes.
 */
export function limitConnectionsPerAddress(options: {
  maxPerAddress: number;
  metrics: ServerMetrics;
  logger: Logger;
  refusalLog: LogThrottle;
}): (socket: Socket) => void {
  const { maxPerAddress, metrics, logger, refusalLog } = options;
  const perAddress = new Map<string, number>();
  return (socket) => {
    const address = socket.remoteAddress ?? '?';
    const count = (perAddress.get(address) ?? 0) + 1;
    if (count > maxPerAddress) {
      metrics.rejectedConnections.labels('address_limit').inc();
      const suppressed = refusalLog.take();
      if (suppressed !== undefined)
        logger.warn({ remote: address, limit: maxPerAddress, suppressed }, 'client refused: address limit');
      const text = `too many connections from ${address}: the limit is ${maxPerAddress}\n`;
      socket.on('error', () => socket.destroy());
      socket.end(
        `HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      );
      return;
    }
    perAddress.set(address, count);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  };
}
