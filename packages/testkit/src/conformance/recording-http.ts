import { createHttpClient, type HttpClient, type HttpRequest, type HttpResponse } from '@ohlcv/core';

/** One REST exchange as the engine saw it, timed on the venue's clock. */
export interface RecordedExchange {
  url: string;
  sentAt: number;
  answeredAt: number;
  status: number;
  retryAfter: string | undefined;
}

export interface RecordingHttp {
  http: HttpClient;
  exchanges: RecordedExchange[];
  /** What becomes of a 429's Retry-After before the engine reads it: kept as the venue sent it, or removed. */
  retryAfter429: 'keep' | 'remove';
  /** Requests sent and not yet answered to the engine. */
  inFlight(): number;
}

/** An HTTP client that records every exchange, timed by `now` (the venue's clock). */
export function recordingHttp(now: () => number): RecordingHttp {
  const inner = createHttpClient();
  let pending = 0;
  const recording: RecordingHttp = {
    exchanges: [],
    retryAfter429: 'keep',
    inFlight: () => pending,
    http: {
      async request(request: HttpRequest, options) {
        const sentAt = now();
        pending += 1;
        let response: HttpResponse;
        try {
          response = await inner.request(request, options);
        } finally {
          pending -= 1;
        }
        if (response.status === 429 && recording.retryAfter429 === 'remove') {
          const headers = { ...response.headers };
          delete headers['retry-after'];
          response = { ...response, headers };
        }
        recording.exchanges.push({
          url: request.url,
          sentAt,
          answeredAt: now(),
          status: response.status,
          retryAfter: response.headers['retry-after'],
        });
        return response;
      },
    },
  };
  return recording;
}
