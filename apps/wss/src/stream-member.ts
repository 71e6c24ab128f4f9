import type { Subscription } from '@ohlcv/core';
import type { ClientOutbox } from './client-outbox';

/** How a legacy-protocol client names the stream in its quotes. */
export interface LegacyView {
  exchange: string;
  contractType: string;
  /** The symbol as the client spelled it. */
  symbol: string;
  /** Cache key of the quote bytes: clients with the same view share them. */
  tag: string;
}

/** What a stream channel needs from a client. */
export interface ChannelClient {
  readonly outbox: ClientOutbox;
  /** A legacy quote went out (counts toward the client's `limit`). Must not detach synchronously. */
  quoteSent(): void;
  /** The stream ended with a terminal error (already sent to the client): forget it. */
  streamEnded(key: string): void;
}

/** One client on one stream. */
export interface StreamMember {
  readonly client: ChannelClient;
  readonly legacy: LegacyView | undefined;
  /** Closed candles opening at or before this were already delivered (by a history join). */
  after: number;
  /** While a history join runs: the client's own engine subscription. */
  joining: Subscription | undefined;
  removed: boolean;
  /** Receives nothing more (legacy limit reached, client cut off); detached soon after. */
  muted: boolean;
}

export function createMember(client: ChannelClient, legacy?: LegacyView): StreamMember {
  return {
    client,
    legacy,
    after: Number.NEGATIVE_INFINITY,
    joining: undefined,
    removed: false,
    muted: false,
  };
}
