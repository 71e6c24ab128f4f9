const MARKER = Symbol.for('@ohlcv/core/error');

export type OhlcvErrorCode =
  | 'unknown_exchange'
  | 'unknown_market'
  | 'unsupported_market'
  | 'unsupported_interval'
  | 'invalid_stream'
  | 'invalid_symbol'
  | 'symbol_rejected'
  | 'venue_http'
  | 'venue_protocol'
  | 'history_unavailable'
  | 'limit_exceeded'
  | 'consumer_overflow'
  | 'circuit_open'
  | 'closed'
  | 'config';

/**
 * Base of every error this toolkit throws. `isInstance` works across duplicate installs
 * (it checks a global symbol, not the prototype chain).
 */
export class OhlcvError extends Error {
  readonly [MARKER] = true;
  readonly code: OhlcvErrorCode;

  constructor(message: string, options: { code: OhlcvErrorCode; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OhlcvError';
    this.code = options.code;
  }

  static isInstance(value: unknown): value is OhlcvError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** The venue does not know (or refused) a symbol; carries the venue's own answer. */
export class SymbolRejectedError extends OhlcvError {
  readonly exchange: string;
  readonly market: string;
  readonly symbol: string;
  readonly venueMessage: string;

  constructor(args: {
    exchange: string;
    market: string;
    symbol: string;
    venueMessage: string;
    hint?: string;
  }) {
    super(
      `${args.exchange} ${args.market} rejected symbol "${args.symbol}": ${args.venueMessage}${args.hint ? ` (${args.hint})` : ''}`,
      { code: 'symbol_rejected' },
    );
    this.name = 'SymbolRejectedError';
    this.exchange = args.exchange;
    this.market = args.market;
    this.symbol = args.symbol;
    this.venueMessage = args.venueMessage;
  }
}

export class UnsupportedIntervalError extends OhlcvError {
  readonly interval: string;
  readonly supported: readonly string[];

  constructor(interval: string, supported: readonly string[], where?: string) {
    super(
      `unsupported interval "${interval}"${where ? ` on ${where}` : ''}: expected one of ${supported.join(', ')}`,
      { code: 'unsupported_interval' },
    );
    this.name = 'UnsupportedIntervalError';
    this.interval = interval;
    this.supported = supported;
  }
}

export class UnsupportedMarketError extends OhlcvError {
  constructor(exchange: string, market: string, reason?: string) {
    super(`${exchange} does not offer market "${market}"${reason ? `: ${reason}` : ''}`, {
      code: 'unsupported_market',
    });
    this.name = 'UnsupportedMarketError';
  }
}

/** A venue HTTP call failed. `retryable` for 429/418/5xx and venue rate-limit codes. */
export class VenueHttpError extends OhlcvError {
  readonly url: string;
  readonly status: number;
  readonly body: string;
  readonly retryable: boolean;
  /** Wait the venue asked for (Retry-After or a reset header), when it said. */
  readonly retryAfterMs: number | undefined;
  readonly venueCode: string | undefined;

  constructor(args: {
    url: string;
    status: number;
    body: string;
    retryable: boolean;
    retryAfterMs?: number;
    venueCode?: string;
    message?: string;
  }) {
    super(
      `HTTP ${args.status} from ${args.url}${args.venueCode ? ` (venue code ${args.venueCode})` : ''}: ${args.message ?? args.body.slice(0, 300)}`,
      { code: 'venue_http' },
    );
    this.name = 'VenueHttpError';
    this.url = args.url;
    this.status = args.status;
    this.body = args.body;
    this.retryable = args.retryable;
    this.retryAfterMs = args.retryAfterMs;
    this.venueCode = args.venueCode;
  }
}

/** A consumer fell further behind than its buffer allows; closed candles would otherwise be lost. */
export class ConsumerOverflowError extends OhlcvError {
  readonly stream: string;
  readonly bound: number;

  constructor(stream: string, bound: number) {
    super(`consumer of ${stream} fell more than ${bound} closed candles behind; subscription ended`, {
      code: 'consumer_overflow',
    });
    this.name = 'ConsumerOverflowError';
    this.stream = stream;
    this.bound = bound;
  }
}
