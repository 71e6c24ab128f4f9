import type { FramePacer } from './frame-pacer';
import type { SubscriptionLedger } from './subscription-ledger';
import type { StreamRef, VenueEvent } from './venue-adapter';

/** What a venue's control events act on: one connection's parts. */
export interface ControlTarget {
  readonly ledger: SubscriptionLedger;
  readonly pacer: FramePacer;
  /** Streams the venue acknowledged: live now. */
  acked(streams: readonly StreamRef[]): void;
  recycle(reason: string): void;
  /** A venue error not tied to a stream. */
  venueError(message: string, code: string | undefined): void;
}

/**
 * One control event of a connection (anything but a candle): an answer frees its request's slot in
 * the send window; acks, unsubscribes and rejections settle the ledger; the venue may ask for a
 * reconnect or report an error.
 */
export function applyControlEvent(event: VenueEvent, target: ControlTarget): void {
  if ('requestId' in event && event.requestId !== undefined) target.pacer.answered(event.requestId);
  switch (event.type) {
    case 'subscribed': {
      const streams = target.ledger.subscribed(event);
      if (streams) target.acked(streams);
      return;
    }
    case 'unsubscribed':
      target.ledger.unsubscribed(event);
      return;
    case 'rejected':
      target.ledger.rejected(event);
      if (target.ledger.hasPending()) target.pacer.schedule();
      return;
    case 'reconnect':
      target.recycle(`venue asked: ${event.reason}`);
      return;
    case 'error':
      target.venueError(event.message, event.code);
      return;
    default:
      return;
  }
}
