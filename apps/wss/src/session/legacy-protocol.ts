import type { TimerHandle } from '@ohlcv/core';
import { legacyContract, okxMarketOf } from '../protocol/legacy-contract-types';
import {
  type LegacyErrorFields,
  type LegacySubscribe,
  legacyErrorMessage,
  legacySubscribedMessage,
  parseLegacySubscribe,
} from '../protocol/legacy-messages';
import type { ResolvedStream } from '../resolve-stream';
import type { SessionHost, SessionProtocol } from './session-host';

/** The older connector's timeouts (docs/migrating-from-python.md); 0 = off. */
export interface LegacyTimeouts {
  /** No first message within this: error, then close 1000 (CONNECTOR_WSS_SUBSCRIBE_TIMEOUT). */
  subscribeTimeoutMs: number;
  /** No quote within this after `subscribed` or the last quote: error, then close 1000 (CONNECTOR_STREAM_IDLE_TIMEOUT). */
  idleTimeoutMs: number;
}

function seconds(ms: number): string {
  return String(Math.round(ms / 1000));
}

/**
 * The older Python connector's protocol: one subscribe per connection; `subscribed` (echoing it) first,
 * then per-symbol errors and `quote` messages until `limit` (0 = no limit). A failure of the whole
 * subscription is one `error`, then a normal close (1000).
 */
export class LegacyProtocol implements SessionProtocol {
  readonly #host: SessionHost;
  #limit = 0;
  #sent = 0;
  #done = false;
  #fields: LegacyErrorFields = {};
  #idleTimer: TimerHandle | undefined;
  #lastQuoteAt = 0;
  #contractShown = 'default';
  /** Symbols still being resolved. */
  #pending = 0;

  constructor(host: SessionHost) {
    this.#host = host;
  }

  receive(): void {
    this.#host.send(
      legacyErrorMessage('already subscribed: this protocol takes one subscription message per connection', {
        code: 'invalid_message',
      }),
      'error',
    );
  }

  refuse(code: string, message: string): void {
    const host = this.#host;
    host.countError(code);
    host.context.logger.debug({ client: host.id, code, err: message }, 'client error');
    host.send(legacyErrorMessage(message, { code }), 'error');
  }

  quoteSent(): void {
    this.#lastQuoteAt = this.#host.context.clock.now();
    if (this.#limit === 0 || this.#done) return;
    this.#sent += 1;
    if (this.#sent < this.#limit) return;
    this.#finish();
    const limit = this.#limit;
    queueMicrotask(() => this.#host.closeAfterDrain(1000, `limit of ${limit} quotes reached`));
  }

  /** A stream failed for good: once none is left, the subscription ends (its error, then close 1000). */
  streamEnded(key: string): void {
    if (this.#done || this.#pending > 0 || this.#host.streamCount > 0) return;
    this.#fail('Internal streaming error: every stream ended', 'stream_ended', {
      ...this.#fields,
      exchangeMessage: `stream ${key} ended`,
    });
  }

  /** The session ended: stop the idle timer. */
  ended(): void {
    this.#stopIdle();
  }

  /** The first message (a JSON object naming an exchange). */
  subscribe(value: Record<string, unknown>): void {
    const parsed = parseLegacySubscribe(value);
    if ('error' in parsed) {
      this.#fail(parsed.error, 'invalid_message', {});
      return;
    }
    const exchange = parsed.exchange.trim().toLowerCase();
    const contract = legacyContract(exchange, parsed.contractType);
    const fields = {
      exchange: parsed.exchange,
      contractType: parsed.contractType,
    };
    if (!contract.ok) {
      const code = contract.message.startsWith('Unsupported exchange')
        ? 'unknown_exchange'
        : 'unknown_market';
      this.#fail(contract.message, code, fields);
      return;
    }
    this.#fields = { ...fields, symbols: parsed.symbols };
    this.#contractShown = parsed.contractType ?? 'default';
    this.#limit = parsed.limit;
    const host = this.#host;
    host.send(legacySubscribedMessage(parsed.exchange, parsed.raw), 'subscribed');
    this.#startIdle();
    this.#resolveAll(parsed, exchange, contract.contract);
  }

  /** Each symbol is resolved and answered on its own: one slow venue lookup holds up no other symbol. */
  #resolveAll(
    message: LegacySubscribe,
    exchange: string,
    contract: { market: string | undefined; label: string },
  ): void {
    const host = this.#host;
    const { resolver, limits } = host.context;
    const symbols = message.symbols.slice(0, limits.maxStreamsPerClient);
    for (const symbol of message.symbols.slice(limits.maxStreamsPerClient)) {
      this.#symbolError(
        symbol,
        `limit of ${limits.maxStreamsPerClient} symbols per client reached`,
        'too_many_streams',
      );
    }
    this.#pending = symbols.length;
    let accepted = 0;
    const joined = new Set<string>();
    const settle = (symbol: string, result: ResolvedStream): void => {
      this.#pending -= 1;
      if (host.isEnded || this.#done) return;
      if (!result.ok) this.#symbolError(symbol, result.message, result.code);
      else if (!joined.has(result.key)) {
        joined.add(result.key);
        accepted += 1;
        const venueSymbol = result.id.symbol;
        const view = {
          exchange,
          contractType: contract.label,
          symbol: venueSymbol,
          tag: `${exchange}\u0000${contract.label}\u0000${venueSymbol}`,
        };
        host.join(result.key, 0, view);
        host.context.logger.info(
          { client: host.id, protocol: 'legacy', stream: result.key, limit: message.limit },
          'client subscribed',
        );
      }
      if (this.#pending === 0 && accepted === 0) {
        this.#fail('No valid symbols to subscribe', 'no_valid_symbols', this.#fields);
      }
    };
    for (const symbol of symbols) {
      const market = contract.market ?? okxMarketOf(symbol);
      void resolver
        .resolve({ exchange, market, symbol, interval: '1m' })
        .then((result) => settle(symbol, result))
        .catch((error: unknown) => host.internalError(error));
    }
  }

  #symbolError(symbol: string, exchangeMessage: string, code: string): void {
    const host = this.#host;
    host.countError(code);
    host.send(
      legacyErrorMessage('Subscription rejected by exchange', {
        ...this.#fields,
        symbols: [symbol],
        exchangeMessage,
        code,
        symbol,
      }),
      'error',
    );
  }

  /** The subscription ends: its error, then a normal close once it is sent. */
  #fail(message: string, code: string, fields: LegacyErrorFields): void {
    const host = this.#host;
    host.countError(code);
    host.context.logger.debug({ client: host.id, code, err: message }, 'legacy subscription ended');
    host.send(legacyErrorMessage(message, { ...fields, code }), 'error');
    this.#finish();
    host.closeAfterDrain(1000, message.length > 100 ? `${message.slice(0, 100)}…` : message);
  }

  #finish(): void {
    this.#done = true;
    this.#stopIdle();
    this.#host.muteAndLeaveAll();
  }

  #startIdle(): void {
    const { clock } = this.#host.context;
    const idleMs = this.#host.context.legacy.idleTimeoutMs;
    if (idleMs <= 0) return;
    this.#lastQuoteAt = clock.now();
    const check = (): void => {
      this.#idleTimer = undefined;
      if (this.#done || this.#host.isEnded) return;
      const silent = clock.now() - this.#lastQuoteAt;
      if (silent < idleMs) {
        this.#idleTimer = clock.setTimeout(check, idleMs - silent);
        return;
      }
      this.#fail(
        `No quotes received for ${seconds(idleMs)} seconds from ${this.#fields.exchange ?? ''}::${this.#contractShown}. Subscription cancelled.`,
        'idle_timeout',
        this.#fields,
      );
    };
    this.#idleTimer = clock.setTimeout(check, idleMs);
  }

  #stopIdle(): void {
    if (this.#idleTimer !== undefined) this.#host.context.clock.clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }
}

/** The error and close for a client that sent nothing within the subscribe timeout. */
export function legacySubscribeTimeout(host: SessionHost, timeoutMs: number): void {
  const message = `No subscription payload received within ${seconds(timeoutMs)} seconds`;
  host.countError('subscribe_timeout');
  host.send(legacyErrorMessage(message, { code: 'subscribe_timeout' }), 'error');
  host.closeAfterDrain(1000, message);
}
