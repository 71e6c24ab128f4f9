/** Opaque timer handle. */
export type TimerHandle = unknown;

/**
 * Time source and timers of the engine. Injectable so tests drive time (fake timers or a virtual
 * clock); the default uses the global clock and timers, which vitest's fake timers replace.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // Engine timers never keep the process alive on their own.
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
