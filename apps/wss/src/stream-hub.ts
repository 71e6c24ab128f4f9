import type { Feed, Logger } from '@ohlcv/core';
import type { ServerMetrics } from '@ohlcv/health';
import { StreamChannel } from './stream-channel';
import type { StreamMember } from './stream-member';

export interface StreamHubOptions {
  feed: Feed;
  logger: Logger;
  metrics: ServerMetrics;
  /** Keep a stream's upstream this long after its last client left. */
  lingerMs: number;
  /** Upstream streams at most (lingering ones included). @default unlimited */
  maxUpstreams?: number;
  now?: () => number;
}

/**
 * Shared upstreams: one engine subscription per stream, whatever the number of clients on it. The last
 * client leaving releases the upstream after `lingerMs` (a quick re-subscribe reuses it).
 */
export class StreamHub {
  readonly #channels = new Map<string, StreamChannel>();
  readonly #options: StreamHubOptions;
  readonly #context;

  constructor(options: StreamHubOptions) {
    this.#options = options;
    this.#context = {
      feed: options.feed,
      logger: options.logger,
      metrics: options.metrics,
      now: options.now ?? Date.now,
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

  attach(key: string, member: StreamMember, history: number): void {
    let channel = this.#channels.get(key);
    if (channel === undefined) {
      channel = new StreamChannel(key, this.#context);
      this.#channels.set(key, channel);
      this.#options.logger.info({ stream: key }, 'upstream subscribed');
    } else if (channel.lingerTimer !== undefined) {
      clearTimeout(channel.lingerTimer as ReturnType<typeof setTimeout>);
      channel.lingerTimer = undefined;
    }
    channel.add(member, history);
  }

  detach(key: string, member: StreamMember): void {
    const channel = this.#channels.get(key);
    if (channel === undefined || member.removed) return;
    channel.remove(member);
    if (channel.references > 0) return;
    if (this.#options.lingerMs <= 0) {
      this.#release(channel);
      return;
    }
    const timer = setTimeout(() => this.#release(channel), this.#options.lingerMs);
    timer.unref();
    channel.lingerTimer = timer;
  }

  /** Closes every upstream (shutdown). */
  close(): void {
    for (const channel of this.#channels.values()) {
      if (channel.lingerTimer !== undefined)
        clearTimeout(channel.lingerTimer as ReturnType<typeof setTimeout>);
      channel.close();
    }
    this.#channels.clear();
  }

  #release(channel: StreamChannel): void {
    channel.lingerTimer = undefined;
    if (channel.references > 0 || this.#channels.get(channel.key) !== channel) return;
    this.#channels.delete(channel.key);
    channel.close();
    this.#options.logger.info({ stream: channel.key }, 'upstream released (no clients left)');
  }

  #forget(channel: StreamChannel): void {
    if (channel.lingerTimer !== undefined) clearTimeout(channel.lingerTimer as ReturnType<typeof setTimeout>);
    if (this.#channels.get(channel.key) === channel) this.#channels.delete(channel.key);
    channel.close();
  }
}
