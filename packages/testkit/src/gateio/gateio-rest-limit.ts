/**
 * Gate's public REST limit: `requests` per `windowMs` per endpoint per IP (200 / 10 s), in real time
 * (clients send in real time). Every answer carries `X-Gate-RateLimit-*`; the reset timestamp is on
 * the venue (virtual) clock, like the `Date` header.
 */
export class GateRestLimit {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(
    readonly requests: number,
    readonly windowMs: number,
  ) {}

  /** Counts a request to `endpoint`; `allowed` false once the window's budget is spent. */
  take(
    endpoint: string,
    realNow: number,
    venueNow: number,
  ): { allowed: boolean; headers: Record<string, string> } {
    let window = this.windows.get(endpoint);
    if (window === undefined || realNow - window.start >= this.windowMs) {
      window = { start: realNow, used: 0 };
      this.windows.set(endpoint, window);
    }
    window.used += 1;
    const resetMs = venueNow + (window.start + this.windowMs - realNow);
    return {
      allowed: window.used <= this.requests,
      headers: {
        'X-Gate-RateLimit-Requests-Remain': String(Math.max(0, this.requests - window.used)),
        'X-Gate-RateLimit-Limit': String(this.requests),
        'X-Gate-RateLimit-Reset-Timestamp': String(Math.ceil(resetMs / 1000)),
      },
    };
  }
}
