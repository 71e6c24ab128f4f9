import type { Clock, Feed, Logger, TimerHandle } from '@ohlcv/core';
import type { ServerMetrics } from '@ohlcv/health';
import { StreamChannel } from './stream-channel';
import type { ChannelClient, LegacyView, StreamMember } from './stream-member';

export interface StreamHubOptions {
  feed: Feed;
  logger: Logger;
  metrics: ServerMetrics;
  /** Keep a stream's upstream this long after its last client left. */
  lingerMs: number;
  /** Upstream streams at most (lingering ones included). @default unlimited */
  maxUpstreams?: number;
  /** Time and the linger timers. */
  clock: Clock;
}

/**
 * Shared upstreams: one engine subscription per stream, whatever the number of clients on it. The last
 * client leaving releases the upstream after `lingerMs` (a quick re-subscribe reuses it).
 *
 * The server's one linger: it lives here, not in the engine (the server's feed is created with core's
 * `lingerMs` 0), because the served feed may be any `Feed` — the engine, a bus edge or a store-backed
 * one — and because a lingering stream still counts toward `maxUpstreams`.
 */
export class StreamHub {
  readonly #channels = new Map<string, StreamChannel>();
  readonly #lingering = new Map<StreamChannel, TimerHandle>();
  readonly #options: StreamHubOptions;
  readonly #context;

  constructor(options: StreamHubOptions) {
    this.#options = options;
    this.#context = {
      feed: options.feed,
      logger: options.logger,
      metrics: options.metrics,
      now: () => options.clock.now(),
      onFailed: (channel: StreamChannel) => this.#forget(channel),
    };
  }

  /** Streams with an upstream subscription now (lingering ones included). */
  get size(): number {
    return this.#channels.size;
  }

  get maxUpstreams(): number {
    return this.#options.maxUpstreams ?? Number.POSITIVE_INFINITY;
  }

  /**
   * Whether `key` may be attached: its upstream is open, or there is room for one more besides those
   * in `opening` (keys a message is about to open; `key` is added to it when new).
   */
  admits(key: string, opening: Set<string>): boolean {
    if (this.#channels.has(key) || opening.has(key)) return true;
    if (this.#channels.size + opening.size >= this.maxUpstreams) return false;
    opening.add(key);
    return true;
  }

  /** Adds `client` to the stream (after `history` closed candles, 0 = live only); returns its membership. */
  attach(key: string, client: ChannelClient, legacy: LegacyView | undefined, history: number): StreamMember {
    let channel = this.#channels.get(key);
    if (channel === undefined) {
      channel = new StreamChannel(key, this.#context);
      this.#channels.set(key, channel);
      this.#options.logger.info({ stream: key }, 'upstream subscribed');
    } else this.#stopLinger(channel);
    return channel.add(client, legacy, history);
  }

  /** The member receives nothing more from now on (it is detached soon after). */
  mute(key: string, member: StreamMember): void {
    this.#channels.get(key)?.mute(member);
  }

  detach(key: string, member: StreamMember): void {
    const channel = this.#channels.get(key);
    if (channel === undefined || !channel.remove(member) || channel.references > 0) return;
    const { lingerMs, clock } = this.#options;
    if (lingerMs <= 0) this.#release(channel);
    else
      this.#lingering.set(
        channel,
        clock.setTimeout(() => this.#release(channel), lingerMs),
      );
  }

  /** Closes every upstream (shutdown). */
  close(): void {
    for (const channel of this.#channels.values()) {
      this.#stopLinger(channel);
      channel.close();
    }
    this.#channels.clear();
  }

  #stopLinger(channel: StreamChannel): void {
    const timer = this.#lingering.get(channel);
    if (timer === undefined) return;
    this.#lingering.delete(channel);
    this.#options.clock.clearTimeout(timer);
  }

  #release(channel: StreamChannel): void {
    this.#lingering.delete(channel);
    if (channel.references > 0 || this.#channels.get(channel.key) !== channel) return;
    this.#channels.delete(channel.key);
    channel.close();
    this.#options.logger.info({ stream: channel.key }, 'upstream released (no clients left)');
  }

  #forget(channel: StreamChannel): void {
    this.#stopLinger(channel);
    if (this.#channels.get(channel.key) === channel) this.#channels.delete(channel.key);
    channel.close();
  }
}
