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

/**
 * One client on one stream, as the client's session holds it: a handle the hub gave out. Its state
 * is read by anyone and changed by one owner only, the stream's channel (stream-channel.ts), through
 * the hub: `attach`, `mute`, `detach`, or the stream failing.
 */
export interface StreamMember {
  readonly client: ChannelClient;
  readonly legacy: LegacyView | undefined;
  /** Left the stream (detached, or the stream failed). */
  readonly removed: boolean;
  /** Receives nothing more (legacy limit reached, client cut off); detached soon after. */
  readonly muted: boolean;
}
