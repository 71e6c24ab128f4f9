import type { VenueSimulator } from '../simulator-types';

/** Real-time pause used only to let sockets deliver between virtual-time steps. */
function tick(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Advances the simulator's virtual time in steps until `done()` holds, giving the client real time to
 * receive what each step pushed. Fails with `what` once `timeoutMs` of real time has passed.
 */
export async function driveUntil(
  simulator: VenueSimulator,
  done: () => boolean,
  options: {
    stepMs: number;
    what: string;
    timeoutMs?: number;
    pauseMs?: number;
    /** Virtual time stands still while this holds (e.g. a REST call of the engine is in flight). */
    holdWhile?: () => boolean;
  },
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what}`);
    if (!options.holdWhile?.()) await simulator.clock.advance(options.stepMs);
    await tick(options.pauseMs ?? 20);
  }
}

/** Waits (real time, bounded) until `done()` holds without moving virtual time. */
export async function waitUntil(done: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick(10);
  }
}
