import { BackgroundLane, type RestPriority } from './background-lane';
import { Backoff, type BackoffOptions } from './backoff';
import type { ExchangeId, MarketType } from './candle';
import { CircuitBreaker } from './circuit-breaker';
import type { Clock } from './clock';
import { OhlcvError, VenueHttpError } from './errors';
import type { FeedObserver, HttpClient } from './feed-types';
import { defaultHttpError, isSuccessStatus } from './http-client';
import { abortedError, sleep } from './sleep';
import { TokenBucket } from './token-bucket';
import type { HttpRequest, HttpResponse, MarketSpec, VenueAdapter } from './venue-adapter';
import { WeightWindow } from './weight-window';

export interface RestClientOptions {
  adapter: VenueAdapter;
  market: MarketType;
  spec: MarketSpec;
  http: HttpClient;
  clock: Clock;
  observer?: FeedObserver;
  random?: () => number;
  backoff?: Omit<BackoffOptions, 'now' | 'random'>;
  /** Attempts per call for retryable failures. @default 5 */
  maxAttempts?: number;
  /** Per-request timeout. @default 10_000 */
  timeoutMs?: number;
  /** Headers added to every request (the environment's `Endpoint.restHeaders`). */
  headers?: Record<string, string>;
  /** Consecutive retryable failures that open the circuit. @default 5 */
  failureThreshold?: number;
  /** How long an open circuit refuses calls. @default 30_000 */
  resetTimeoutMs?: number;
}

/**
 * REST access to one venue market: the venue's weight budget as a token bucket (drained by a 429) and
 * a window that never lets more than the budget through any `perMs`, a circuit breaker,
 * retries with backoff for retryable failures (429/418/5xx, network) honouring the venue's
 * Retry-After, and `observer.restRequest` per attempt.
 */
export class RestClient {
  readonly exchange: ExchangeId;
  readonly market: MarketType;
  readonly bucket: TokenBucket;
  readonly window: WeightWindow;
  readonly breaker: CircuitBreaker;
  readonly #options: RestClientOptions;
  readonly #maxAttempts: number;
  readonly #background = new BackgroundLane();

  constructor(options: RestClientOptions) {
    this.#options = options;
    this.exchange = options.adapter.id;
    this.market = options.market;
    this.#maxAttempts = options.maxAttempts ?? 5;
    const now = options.clock.now;
    const { weight, perMs } = options.spec.rest.rateLimit;
    this.bucket = new TokenBucket({ capacity: weight, tokens: weight, perMs, now });
    this.window = new WeightWindow(weight, perMs, now);
    this.breaker = new CircuitBreaker({
      now,
      failureThreshold: options.failureThreshold ?? 5,
      resetTimeoutMs: options.resetTimeoutMs ?? 30_000,
    });
  }

  /**
   * Sends `build()` (rebuilt per attempt) and parses a 2xx response with `parse`. Error responses go
   * through the adapter's `httpError` (or core's default). Throws the last error once attempts are
   * spent or the failure is not retryable.
   */
  async call<T>(
    build: (now: number) => HttpRequest,
    parse: (response: HttpResponse) => T,
    signal?: AbortSignal,
    priority: RestPriority = 'normal',
  ): Promise<T> {
    if (priority === 'background')
      return this.#background.run(() => this.#call(build, parse, signal), signal);
    this.#background.normalStarted();
    try {
      return await this.#call(build, parse, signal);
    } finally {
      this.#background.normalEnded();
    }
  }

  async #call<T>(
    build: (now: number) => HttpRequest,
    parse: (response: HttpResponse) => T,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const options = this.#options;
    const backoff = new Backoff({
      ...options.backoff,
      now: options.clock.now,
      ...(options.random ? { random: options.random } : {}),
    });
    let lastError: unknown;
    let refusals = 0;
    for (let attempt = 0; attempt < this.#maxAttempts; attempt += 1) {
      if (signal?.aborted) throw abortedError(signal);
      if (!this.breaker.canRequest()) {
        const retryAt = this.breaker.retryAt ?? options.clock.now();
        lastError = new OhlcvError(
          `${this.exchange} ${this.market} REST circuit is open after repeated failures; next trial at ${new Date(retryAt).toISOString()}`,
          { code: 'circuit_open', cause: lastError },
        );
        // An open circuit sent nothing: waiting it out to its trial is not an attempt, except that
        // a call never waits on it longer than its attempts' worth of backoff would.
        refusals += 1;
        if (refusals > this.#maxAttempts) break;
        attempt -= 1;
        await sleep(options.clock, Math.max(retryAt - options.clock.now(), backoff.next()), signal);
        continue;
      }
      const request = build(options.clock.now());
      const weight = Math.min(request.weight ?? 1, this.bucket.capacity);
      const waitMs = this.window.take(weight, options.clock.now() + this.bucket.take(weight));
      if (waitMs > 0) await sleep(options.clock, waitMs, signal);
      const error = await this.#attempt(request, parse, signal);
      if (error.ok) {
        this.breaker.recordSuccess();
        return error.value;
      }
      lastError = error.error;
      const retryable = isRetryable(error.error);
      if (!retryable) throw error.error;
      this.breaker.recordFailure();
      const httpError = asVenueHttpError(error.error);
      if (httpError?.status === 429) this.bucket.drain();
      if (attempt + 1 >= this.#maxAttempts) break;
      const retryAfterMs = httpError?.retryAfterMs ?? 0;
      const delayMs = Math.max(retryAfterMs, backoff.next());
      options.observer?.restRetry?.({
        exchange: this.exchange,
        market: this.market,
        url: request.url,
        attempt: attempt + 1,
        delayMs: Math.round(delayMs),
        error: error.error,
      });
      await sleep(options.clock, delayMs, signal);
    }
    throw lastError;
  }

  async #attempt<T>(
    request: HttpRequest,
    parse: (response: HttpResponse) => T,
    signal: AbortSignal | undefined,
  ): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
    const { clock, http, observer, adapter, market } = this.#options;
    const startedAt = clock.now();
    let response: HttpResponse;
    const headers = this.#options.headers;
    if (headers !== undefined) request = { ...request, headers: { ...headers, ...request.headers } };
    try {
      response = await http.request(request, {
        ...(signal ? { signal } : {}),
        timeoutMs: this.#options.timeoutMs ?? 10_000,
      });
    } catch (error) {
      if (signal?.aborted) throw abortedError(signal);
      observer?.restRequest?.({
        exchange: this.exchange,
        market,
        url: request.url,
        status: 0,
        durationMs: clock.now() - startedAt,
      });
      return { ok: false, error: new NetworkError(request.url, error) };
    }
    observer?.restRequest?.({
      exchange: this.exchange,
      market,
      url: request.url,
      status: response.status,
      durationMs: clock.now() - startedAt,
    });
    if (!isSuccessStatus(response.status)) {
      return { ok: false, error: adapter.httpError?.(market, response) ?? defaultHttpError(response) };
    }
    try {
      return { ok: true, value: parse(response) };
    } catch (error) {
      if (OhlcvError.isInstance(error)) return { ok: false, error };
      return {
        ok: false,
        error: new OhlcvError(
          `${this.exchange} ${market}: unreadable response from ${request.url}: ${String(error)}`,
          {
            code: 'venue_protocol',
            cause: error,
          },
        ),
      };
    }
  }
}

/** A request that never got an HTTP answer (connection refused, reset, timeout): retryable. */
class NetworkError extends OhlcvError {
  constructor(url: string, cause: unknown) {
    super(`request to ${url} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      code: 'venue_http',
      cause,
    });
    this.name = 'NetworkError';
  }
}

/** A VenueHttpError, recognised by shape so one from a duplicate install of core counts too. */
export function asVenueHttpError(error: unknown): VenueHttpError | undefined {
  if (error instanceof VenueHttpError) return error;
  if (
    OhlcvError.isInstance(error) &&
    error.code === 'venue_http' &&
    typeof (error as { status?: unknown }).status === 'number'
  ) {
    return error as VenueHttpError;
  }
  return undefined;
}

function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  return asVenueHttpError(error)?.retryable === true;
}
