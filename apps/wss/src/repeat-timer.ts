import type { Clock, TimerHandle } from '@ohlcv/core';

export interface RepeatTimer {
  stop(): void;
}

/** Runs `callback` every `intervalMs` on `clock` (core's clock has no interval: a timeout re-armed each round). */
export function repeatEvery(clock: Clock, intervalMs: number, callback: () => void): RepeatTimer {
  let timer: TimerHandle | undefined;
  let stopped = false;
  const round = (): void => {
    if (stopped) return;
    timer = clock.setTimeout(round, intervalMs);
    callback();
  };
  timer = clock.setTimeout(round, intervalMs);
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
