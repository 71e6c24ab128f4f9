/**
 * Puts a chaos schedule on a simulator's virtual clock: each fault starts (and ends) at its virtual
 * time, whatever the step the driver advances by.
 */
import { type ScheduledEvent, SimulatorClock } from '../sim/virtual-clock';
import type { SimulatorFaults, VenueSimulator } from '../simulator-types';
import type { FaultEvent } from './chaos-schedule';

export function applySchedule(simulator: VenueSimulator, events: readonly FaultEvent[]): () => void {
  const clock = simulator.clock;
  if (!(clock instanceof SimulatorClock)) throw new Error('the simulator must run on a SimulatorClock');
  const faults = simulator.faults;
  const handles: ScheduledEvent[] = [];
  for (const event of events) {
    handles.push(clock.schedule(event.at, () => start(faults, event)));
    if (event.durationMs > 0)
      handles.push(clock.schedule(event.at + event.durationMs, () => end(faults, event)));
  }
  return () => {
    for (const handle of handles) handle.cancel();
  };
}

/** The faults that spoil the next `count` pushes. */
const FRAME_FAULTS: Record<
  'duplicate' | 'reorder' | 'truncate' | 'garbage' | 'oversize',
  (faults: SimulatorFaults, count: number) => void
> = {
  duplicate: (faults, count) => faults.duplicatePushes(count),
  reorder: (faults, count) => faults.reorderPushes(count),
  truncate: (faults, count) => faults.truncateFrames(count),
  garbage: (faults, count) => faults.garbageFrames(count),
  oversize: (faults, count) => faults.oversizedFrames(count),
};

function start(faults: SimulatorFaults, event: FaultEvent): void {
  switch (event.kind) {
    case 'drop':
      faults.dropConnections(event.connection);
      return;
    case 'close':
      faults.closeConnections(event.code, 'chaos', event.connection);
      return;
    case 'half-open':
      faults.halfOpen(event.connection);
      return;
    case 'restart':
      faults.forgetSubscriptions(event.connection);
      return;
    case 'skip':
      faults.skipPushes(event.count, event.stream);
      return;
    case 'pause':
    case 'silence':
    case 'rest-429':
    case 'rest-5xx':
    case 'rest-slow':
    case 'rest-hang':
      faults.silence();
      return;
    case 'duplicate':
    case 'reorder':
    case 'truncate':
    case 'garbage':
    case 'oversize':
      FRAME_FAULTS[event.kind](faults, event.count);
      return;
    case 'delist':
      if (event.stream) faults.delistSymbol(event.stream.symbol);
      return;
  }
}

/** End of a fault with a duration; REST kinds queue their trouble, then drop, so the gap fill meets it. */
function end(faults: SimulatorFaults, event: FaultEvent): void {
  faults.resume();
  switch (event.kind) {
    case 'rest-429':
    case 'rest-5xx':
      faults.httpErrors(event.code ?? 503, event.count);
      break;
    case 'rest-slow':
      faults.slowRest(event.count, event.delayMs ?? 500);
      break;
    case 'rest-hang':
      faults.hangRest(event.count);
      break;
    default:
      return;
  }
  faults.dropConnections();
}
