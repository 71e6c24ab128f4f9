import { type ClientMessage, parseClientMessage, type StreamRequest } from '../protocol/client-messages';
import {
  errorMessage,
  type MessageId,
  PONG_MESSAGE,
  subscribedMessage,
  unsubscribedMessage,
} from '../protocol/server-messages';
import { describeStreamRequest, type ResolvedStream } from '../resolve-stream';
import type { SessionHost, SessionProtocol } from './session-host';

type V2Message = Exclude<ClientMessage, { op: 'legacy' }>;

/** The current protocol (docs/server-protocol.md): subscribe, unsubscribe, ping, any number of times. */
export class V2Protocol implements SessionProtocol {
  readonly #host: SessionHost;

  constructor(host: SessionHost) {
    this.#host = host;
  }

  receive(text: string): void {
    const message = parseClientMessage(text, {
      acceptLegacy: false,
      maxHistory: this.#host.context.limits.maxHistory,
    });
    if (message.op === 'invalid') {
      v2Error(this.#host, message.id, message.code, message.message);
      return;
    }
    if (message.op === 'legacy') return;
    this.handle(message);
  }

  refuse(code: string, message: string): void {
    v2Error(this.#host, undefined, code, message);
  }

  quoteSent(): void {}

  streamEnded(): void {}

  ended(): void {}

  handle(message: V2Message): void {
    if (message.op === 'ping') {
      this.#host.send(
        message.id === undefined ? PONG_MESSAGE : `{"type":"pong","id":${JSON.stringify(message.id)}}`,
        'pong',
      );
    } else if (message.op === 'subscribe') {
      void this.#subscribe(message);
    } else {
      this.#unsubscribe(message).catch((error: unknown) => this.#host.internalError(error));
    }
  }

  /**
   * Each stream is answered once it resolves, on its own: a venue slow to list its instruments (or
   * unreachable) holds up only its own streams. Streams resolved in the same turn share one reply.
   */
  #subscribe(message: Extract<ClientMessage, { op: 'subscribe' }>): void {
    const host = this.#host;
    const { limits, resolver } = host.context;
    if (message.streams.length > limits.maxStreamsPerClient) {
      v2Error(
        host,
        message.id,
        'too_many_streams',
        `subscribe names ${message.streams.length} streams; the limit per client is ${limits.maxStreamsPerClient}`,
      );
      return;
    }
    // Batching is the client's, for all its streams: it starts with this message, resolved or not.
    if (message.batchMs !== undefined) host.outbox.setBatch(message.batchMs);
    const batch = new SubscribeBatch(host, message);
    for (const [index, request] of message.streams.entries()) {
      resolver
        .resolve(request)
        .then((result) => batch.resolved(index, result))
        .catch((error: unknown) => host.internalError(error));
    }
  }

  async #unsubscribe(message: Extract<ClientMessage, { op: 'unsubscribe' }>): Promise<void> {
    const host = this.#host;
    const keys = await Promise.all(
      message.streams.map(async (request): Promise<string | undefined> => {
        if (typeof request === 'string' && host.has(request)) return request;
        const result = await host.context.resolver.resolve(request);
        return result.ok ? result.key : undefined;
      }),
    );
    if (host.isEnded) return;
    const removed: string[] = [];
    for (const [index, key] of keys.entries()) {
      if (key === undefined || !host.leave(key)) {
        const name = describeStreamRequest(message.streams[index] as StreamRequest);
        v2Error(host, message.id, 'not_subscribed', `not subscribed to "${name}"`, name);
        continue;
      }
      removed.push(key);
    }
    if (removed.length > 0) {
      host.send(unsubscribedMessage(message.id, removed), 'unsubscribed');
      host.context.logger.info({ client: host.id, streams: removed }, 'client unsubscribed');
    }
  }
}

/** An error in the current protocol's shape, counted and logged. */
export function v2Error(
  host: SessionHost,
  id: MessageId | undefined,
  code: string,
  message: string,
  stream?: string,
): void {
  host.countError(code);
  host.context.logger.debug({ client: host.id, code, stream, err: message }, 'client error');
  host.send(errorMessage(id, code, message, stream), 'error');
}

function upstreamLimitText(host: SessionHost): string {
  return `the server's limit of ${host.context.hub.maxUpstreams} venue streams is reached: try again later`;
}

function historyLimitText(host: SessionHost): string {
  const perMinute = host.context.limits.maxHistoryJoinsPerMinute ?? 60;
  const waitMs = host.historyJoins.waitMs();
  return `subscribe with "history" is limited to ${perMinute} streams per client per minute: retry in ${Math.ceil(waitMs / 1000)} s, or subscribe without "history"`;
}

/** The replies of one subscribe: results gathered per turn, answered together (errors, then `subscribed`). */
class SubscribeBatch {
  readonly #host: SessionHost;
  readonly #message: Extract<ClientMessage, { op: 'subscribe' }>;
  #ready: Array<{ index: number; result: ResolvedStream }> = [];
  #scheduled = false;

  constructor(host: SessionHost, message: Extract<ClientMessage, { op: 'subscribe' }>) {
    this.#host = host;
    this.#message = message;
  }

  resolved(index: number, result: ResolvedStream): void {
    this.#ready.push({ index, result });
    if (this.#scheduled) return;
    this.#scheduled = true;
    // After the current turn: every resolution already settled (cached instruments) joins this reply.
    setImmediate(() => {
      try {
        this.#answer();
      } catch (error) {
        this.#host.internalError(error);
      }
    });
  }

  #answer(): void {
    this.#scheduled = false;
    const ready = this.#ready.sort((a, b) => a.index - b.index);
    this.#ready = [];
    const host = this.#host;
    const message = this.#message;
    if (host.isEnded) return;
    const { limits, logger } = host.context;
    const accepted: string[] = [];
    const added: string[] = [];
    const opening = new Set<string>();
    for (const { index, result } of ready) {
      const request = message.streams[index] as StreamRequest;
      if (!result.ok) {
        v2Error(host, message.id, result.code, result.message, describeStreamRequest(request));
        continue;
      }
      if (host.has(result.key) || added.includes(result.key)) {
        if (!accepted.includes(result.key)) accepted.push(result.key);
        continue;
      }
      if (host.streamCount + added.length >= limits.maxStreamsPerClient) {
        v2Error(
          host,
          message.id,
          'too_many_streams',
          `limit of ${limits.maxStreamsPerClient} streams per client reached; unsubscribe from some first`,
          result.key,
        );
        continue;
      }
      if (!host.context.hub.admits(result.key, opening)) {
        v2Error(host, message.id, 'too_many_upstreams', upstreamLimitText(host), result.key);
        continue;
      }
      if (message.history > 0 && !host.historyJoins.take()) {
        v2Error(host, message.id, 'history_limited', historyLimitText(host), result.key);
        continue;
      }
      accepted.push(result.key);
      added.push(result.key);
    }
    if (accepted.length > 0)
      host.send(subscribedMessage(message.id, accepted, message.batchMs), 'subscribed');
    for (const key of added) host.join(key, message.history);
    if (added.length > 0) {
      logger.info({ client: host.id, streams: added, history: message.history }, 'client subscribed');
    }
  }
}
