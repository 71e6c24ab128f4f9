import type { ClientMessage } from '../protocol/client-messages';
import { legacyErrorMessage, legacySubscribedMessage } from '../protocol/legacy-messages';
import { createMember } from '../stream-member';
import type { SessionHost, SessionProtocol } from './session-host';

type LegacySubscribe = Extract<ClientMessage, { op: 'legacy' }>;

/**
 * The older Python connector's protocol: one subscribe message per connection, `subscribed`, then
 * `quote` messages until `limit` (0 = no limit).
 */
export class LegacyProtocol implements SessionProtocol {
  readonly #host: SessionHost;
  #limit = 0;
  #sent = 0;
  #done = false;

  constructor(host: SessionHost) {
    this.#host = host;
  }

  receive(): void {
    this.#host.send(
      legacyErrorMessage('already subscribed: this protocol takes one subscription message per connection'),
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
    if (this.#limit === 0 || this.#done) return;
    this.#sent += 1;
    if (this.#sent < this.#limit) return;
    this.#done = true;
    this.#host.muteAndLeaveAll();
    const limit = this.#limit;
    queueMicrotask(() => this.#host.closeAfterDrain(1000, `limit of ${limit} quotes reached`));
  }

  async subscribe(message: LegacySubscribe): Promise<void> {
    const host = this.#host;
    const { resolver, limits } = host.context;
    this.#limit = message.limit;
    const symbols = message.symbols.slice(0, limits.maxStreamsPerClient);
    for (const symbol of message.symbols.slice(limits.maxStreamsPerClient)) {
      this.#symbolError(
        `limit of ${limits.maxStreamsPerClient} symbols per client reached`,
        symbol,
        'too_many_streams',
      );
    }
    const results = await Promise.all(
      symbols.map((symbol) =>
        resolver.resolve({
          exchange: message.exchange,
          market: message.contractType,
          symbol,
          interval: '1m',
        }),
      ),
    );
    if (host.isEnded) return;
    const accepted: Array<{ symbol: string; key: string }> = [];
    for (const [index, result] of results.entries()) {
      const symbol = symbols[index] as string;
      if (!result.ok) this.#symbolError(result.message, symbol, result.code);
      else if (!accepted.some((entry) => entry.key === result.key))
        accepted.push({ symbol, key: result.key });
    }
    if (accepted.length === 0) {
      host.closeAfterDrain(1008, 'no valid symbols to subscribe');
      return;
    }
    host.send(
      legacySubscribedMessage(
        message.exchange,
        message.contractType,
        accepted.map((entry) => entry.symbol),
        message.limit,
      ),
      'subscribed',
    );
    for (const { symbol, key } of accepted) {
      const view = {
        exchange: message.exchange,
        contractType: message.contractType,
        symbol,
        tag: `${message.exchange}\u0000${message.contractType}\u0000${symbol}`,
      };
      host.join(key, createMember(host, view), 0);
    }
    host.context.logger.info(
      {
        client: host.id,
        protocol: 'legacy',
        streams: accepted.map((entry) => entry.key),
        limit: message.limit,
      },
      'client subscribed',
    );
  }

  #symbolError(message: string, symbol: string, code: string): void {
    this.#host.countError(code);
    this.#host.send(legacyErrorMessage(message, { symbol, code }), 'error');
  }
}
