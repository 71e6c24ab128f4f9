/**
 * Holds the process open until the returned function is called. The engine's timers (reconnect
 * backoff, stall watchdog) are unref'd, as a library's should be; while the CLI waits on them — e.g.
 * between a dropped connection and the reconnect — nothing else would keep Node running.
 */
export function keepAlive(): () => void {
  const timer = setInterval(() => {}, 2 ** 30);
  return () => clearInterval(timer);
}
