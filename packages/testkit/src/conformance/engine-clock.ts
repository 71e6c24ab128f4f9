import type { Clock } from '@ohlcv/core';
import { type ScheduledEvent, SimulatorClock } from '../sim/virtual-clock';
import type { VenueSimulator } from '../simulator-types';

/**
 * An engine clock on the simulator's virtual time: a local clock in step with the venue's, ahead of
 * it by `skewMs`; engine timers run as virtual time passes. For tests of time-judged behaviour
 * (closing quiet candles, grace periods) without real waits.
 */
export function engineClockOf(simulator: VenueSimulator, skewMs = 0): Clock {
  const clock = simulator.clock;
  if (!(clock instanceof SimulatorClock)) throw new Error('the simulator must run on a SimulatorClock');
  return {
    now: () => clock.now() + skewMs,
    setTimeout: (callback, ms) => clock.schedule(clock.now() + Math.max(0, ms), callback),
    clearTimeout: (handle) => (handle as ScheduledEvent | undefined)?.cancel(),
  };
}
