/**
 * Real-time keep-alive rules (socket pings are real time, not virtual time).
 *
 * How a venue simulator uses it, per connection:
 * - venues whose SERVER pings (Binance): `startServerPings(connection, { intervalMs, timeoutMs, isSilenced })`
 *   sends a protocol ping frame every `intervalMs` and drops the client when no pong arrived for
 *   `timeoutMs` since the oldest unanswered ping;
 * - venues that drop an idle CLIENT (OKX 30 s, Gate, Hyperliquid): `startIdleTimeout(connection, { timeoutMs,
 *   onIdle })` and call `touch()` on every client frame (or on every server push, as the venue rules).
 * Both return a `stop()`; they stop by themselves when the socket closes. Timers are unref'd.
 */
import type { SimConnection } from './sim-server';

export interface ServerPingOptions {
  intervalMs: number;
  timeoutMs: number;
  /** While true no pings are sent and the deadline does not run (the `silence` fault). */
  isSilenced?(): boolean;
  /** How to end a client that did not pong. Default: `connection.drop()`. */
  onTimeout?(connection: SimConnection): void;
}

export function startServerPings(connection: SimConnection, options: ServerPingOptions): { stop(): void } {
  const socket = connection.socket;
  let nextPingAt = Date.now() + options.intervalMs;
  let unansweredSince: number | undefined;
  const onPong = (): void => {
    unansweredSince = undefined;
  };
  const tick = (): void => {
    if (!connection.isOpen) {
      stop();
      return;
    }
    const now = Date.now();
    if (options.isSilenced?.() || connection.isHalfOpen) {
      unansweredSince = undefined;
      nextPingAt = now + options.intervalMs;
      return;
    }
    if (unansweredSince !== undefined && now - unansweredSince >= options.timeoutMs) {
      stop();
      (options.onTimeout ?? ((target: SimConnection) => target.drop()))(connection);
      return;
    }
    if (now >= nextPingAt) {
      nextPingAt = now + options.intervalMs;
      unansweredSince ??= now;
      socket.ping(String(now));
    }
  };
  const timer = setInterval(
    tick,
    Math.max(1, Math.floor(Math.min(options.intervalMs, options.timeoutMs) / 4)),
  );
  timer.unref();
  const stop = (): void => {
    clearInterval(timer);
    socket.off('pong', onPong);
  };
  socket.on('pong', onPong);
  socket.once('close', stop);
  return { stop };
}

export interface IdleTimeoutOptions {
  timeoutMs: number;
  onIdle(connection: SimConnection): void;
}

export function startIdleTimeout(
  connection: SimConnection,
  options: IdleTimeoutOptions,
): { touch(): void; stop(): void } {
  let lastActivity = Date.now();
  let judging = false;
  const idle = (): boolean => Date.now() - lastActivity >= options.timeoutMs;
  const timer = setInterval(
    () => {
      if (!connection.isOpen) {
        stop();
        return;
      }
      if (judging || !idle()) return;
      // Judge after the pending I/O is read: a frame that reached the socket before the deadline but
      // was not read yet (the event loop was busy: a loaded test machine) counts, as at the venue.
      judging = true;
      setImmediate(() => {
        judging = false;
        if (!connection.isOpen || !idle()) return;
        stop();
        options.onIdle(connection);
      });
    },
    Math.max(5, Math.floor(options.timeoutMs / 10)),
  );
  timer.unref();
  const stop = (): void => clearInterval(timer);
  connection.socket.once('close', stop);
  return {
    touch: () => {
      lastActivity = Date.now();
    },
    stop,
  };
}
