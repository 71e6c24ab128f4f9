import { SlidingWindowLimit } from '../sim/rate-limits';

/**
 * The IP limit of Bybit's REST hosts: 600 requests per 5 s (real time: clients send in real time).
 * A breach answers HTTP 403 "access too frequent" and bans the IP for about 10 minutes.
 */
export class BybitIpLimit {
  private readonly window: SlidingWindowLimit;
  private bannedUntil = 0;

  constructor(
    requests: number,
    windowMs: number,
    private readonly banMs: number,
  ) {
    this.window = new SlidingWindowLimit(requests, windowMs);
  }

  /** Records a request; true if it must be refused with 403. */
  refuse(now: number): boolean {
    if (now < this.bannedUntil) return true;
    if (this.window.hit(now)) return false;
    this.bannedUntil = now + this.banMs;
    return true;
  }
}

/**
 * Optional per-endpoint limit answered with HTTP 200 `retCode 10006 "Too many visits!"` and the
 * `X-Bapi-Limit*` headers (Bybit applies it per UID to private endpoints; off by default here).
 */
export class BybitVisitsLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Records a request; returns the wait until a slot frees (ms) when over the limit, else undefined. */
  hit(path: string, now: number): { remaining: number; resetInMs: number | undefined } {
    let hits = this.hits.get(path);
    if (!hits) {
      hits = [];
      this.hits.set(path, hits);
    }
    while (hits.length > 0 && hits[0]! <= now - this.windowMs) hits.shift();
    if (hits.length >= this.limit) return { remaining: 0, resetInMs: hits[0]! + this.windowMs - now };
    hits.push(now);
    return { remaining: this.limit - hits.length, resetInMs: undefined };
  }
}
