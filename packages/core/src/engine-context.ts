import { Backoff, type BackoffOptions } from './backoff';
import type { Clock } from './clock';
import type { FeedObserver } from './feed-types';

/**
 * What every layer of one feed shares, made once by `createFeed` and passed down whole (instead of
 * each option threaded through each layer): time, randomness, the backoff settings, the feed's
 * abort signal (aborted on close), and where events are reported.
 */
export interface EngineContext {
  readonly clock: Clock;
  readonly random: (() => number) | undefined;
  readonly backoff: Omit<BackoffOptions, 'now' | 'random'> | undefined;
  readonly signal: AbortSignal;
  /** Every report of the engine, its log lines included (the logger is one observer among others). */
  readonly observer: FeedObserver | undefined;
}

/** A backoff on the context's clock, randomness and settings. */
export function contextBackoff(context: EngineContext, overrides: Omit<BackoffOptions, 'now'> = {}): Backoff {
  return new Backoff({
    ...context.backoff,
    now: context.clock.now,
    ...(context.random ? { random: context.random } : {}),
    ...overrides,
  });
}
