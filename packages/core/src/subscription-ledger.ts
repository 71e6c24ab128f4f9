import type { MarketType } from './candle';
import type { MarketSpec, StreamRef, VenueAdapter, VenueEvent } from './venue-adapter';

interface PendingRequest {
  kind: 'subscribe' | 'unsubscribe';
  streams: StreamRef[];
}

/** A frame to send: its request id, kind and streams. */
export interface LedgerFrame {
  requestId: number;
  kind: 'subscribe' | 'unsubscribe';
  streams: StreamRef[];
}

/** What the ledger reports back to its connection. */
export interface LedgerReports {
  /** The venue refused these streams for good. */
  rejected(streams: readonly StreamRef[], message: string, code: string | undefined): void;
  /** A line for the log (`level` warn or info), with the connection's fields added by the owner. */
  note(level: 'warn' | 'info', fields: Record<string, unknown>, message: string): void;
}

/** Bytes of JSON around each stream name in a frame (quotes, comma), for sizing against maxRequestBytes. */
const NAME_OVERHEAD = 3;

/**
 * One connection's subscription ledger (as trpc's wsClient keeps its request manager apart from the
 * socket): the streams assigned to the connection and, for the current socket, what is subscribed,
 * what waits to be subscribed or unsubscribed, the streams to subscribe one per frame, and the
 * requests awaiting an answer. Pure bookkeeping: no socket, no timer; every collection changes here
 * only, in step.
 */
export class SubscriptionLedger {
  /** Streams assigned to the connection, by venue stream name. */
  readonly assigned = new Map<string, StreamRef>();
  #argChars = 0;
  /** Streams subscribed on the current socket (frame sent, not rejected or unsubscribed). */
  readonly #sent = new Set<string>();
  readonly #toSubscribe = new Map<string, StreamRef>();
  readonly #toUnsubscribe = new Map<string, StreamRef>();
  /** Streams to subscribe one per frame (isolating a request-scope rejection). */
  readonly #singles: StreamRef[] = [];
  readonly #requests = new Map<number, PendingRequest>();
  #nextRequestId = 1;
  readonly #adapter: VenueAdapter;
  readonly #market: MarketType;
  readonly #spec: MarketSpec;
  readonly #reports: LedgerReports;

  constructor(adapter: VenueAdapter, market: MarketType, spec: MarketSpec, reports: LedgerReports) {
    this.#adapter = adapter;
    this.#market = market;
    this.#spec = spec;
    this.#reports = reports;
  }

  /** Characters of stream names assigned (for maxArgCharsPerConnection). */
  get argChars(): number {
    return this.#argChars;
  }

  #name(stream: StreamRef): string {
    return this.#adapter.streamName(this.#market, stream);
  }

  /** Assigns a stream; with the socket open it waits to be subscribed. False if it was assigned already. */
  add(name: string, stream: StreamRef, open: boolean): boolean {
    if (this.assigned.has(name)) return false;
    this.assigned.set(name, stream);
    this.#argChars += name.length;
    if (this.#toUnsubscribe.delete(name)) return true; // still subscribed upstream
    if (open) this.#toSubscribe.set(name, stream);
    return true;
  }

  /** Unassigns a stream; subscribed on the open socket, it waits to be unsubscribed. */
  remove(name: string, open: boolean): void {
    const stream = this.assigned.get(name);
    if (!stream) return;
    this.assigned.delete(name);
    this.#argChars -= name.length;
    this.#toSubscribe.delete(name);
    const single = this.#singles.findIndex((entry) => this.#name(entry) === name);
    if (single >= 0) this.#singles.splice(single, 1);
    if (open && this.#sent.has(name)) this.#toUnsubscribe.set(name, stream);
  }

  /** Unsubscribe (if subscribed) and subscribe one stream again. False if it is not assigned. */
  resubscribe(name: string): boolean {
    const stream = this.assigned.get(name);
    if (!stream) return false;
    if (this.#sent.has(name)) this.#toUnsubscribe.set(name, stream);
    this.#singles.push(stream);
    return true;
  }

  /** A new socket opened: nothing is subscribed on it yet, every assigned stream waits. */
  startOver(): void {
    this.clearSocket();
    for (const [name, stream] of this.assigned) this.#toSubscribe.set(name, stream);
  }

  /** The socket is gone: what was subscribed or pending on it is forgotten (assignments stay). */
  clearSocket(): void {
    this.#sent.clear();
    this.#requests.clear();
    this.#toSubscribe.clear();
    this.#toUnsubscribe.clear();
    this.#singles.length = 0;
  }

  hasPending(): boolean {
    return this.#toUnsubscribe.size > 0 || this.#singles.length > 0 || this.#toSubscribe.size > 0;
  }

  hasPendingSubscribe(): boolean {
    for (const request of this.#requests.values()) if (request.kind === 'subscribe') return true;
    return false;
  }

  /** The next frame to send (unsubscribes first, then one-per-frame subscribes, then batches), recorded as sent. */
  nextFrame(): LedgerFrame | undefined {
    if (!this.hasPending()) return undefined;
    const requestId = this.#nextRequestId++;
    if (this.#toUnsubscribe.size > 0) {
      const streams = this.#takeBatch(this.#toUnsubscribe);
      for (const stream of streams) this.#sent.delete(this.#name(stream));
      this.#requests.set(requestId, { kind: 'unsubscribe', streams });
      return { requestId, kind: 'unsubscribe', streams };
    }
    let streams: StreamRef[];
    const single = this.#singles.shift();
    if (single) {
      streams = [single];
      this.#toSubscribe.delete(this.#name(single));
    } else {
      streams = this.#takeBatch(this.#toSubscribe);
    }
    for (const stream of streams) this.#sent.add(this.#name(stream));
    this.#requests.set(requestId, { kind: 'subscribe', streams });
    return { requestId, kind: 'subscribe', streams };
  }

  /** Takes streams from `pending` up to maxStreamsPerRequest and maxRequestBytes (at least one). */
  #takeBatch(pending: Map<string, StreamRef>): StreamRef[] {
    const { maxStreamsPerRequest, maxRequestBytes } = this.#spec.ws;
    const batch: StreamRef[] = [];
    let bytes = 0;
    for (const [name, stream] of pending) {
      const size = Buffer.byteLength(name) + NAME_OVERHEAD;
      if (
        batch.length > 0 &&
        (batch.length >= maxStreamsPerRequest ||
          (maxRequestBytes !== undefined && bytes + size > maxRequestBytes))
      )
        break;
      batch.push(stream);
      bytes += size;
      pending.delete(name);
    }
    return batch;
  }

  /** A `subscribed` ack: the streams it confirms (named by the venue or by the request), if any. */
  subscribed(event: Extract<VenueEvent, { type: 'subscribed' }>): StreamRef[] | undefined {
    const request = event.requestId === undefined ? undefined : this.#requests.get(event.requestId);
    if (request) this.#requests.delete(event.requestId as number);
    const streams = event.streams ?? (request?.kind === 'subscribe' ? request.streams : undefined);
    if (!request && event.streams) this.#settleAcked(event.streams);
    return streams;
  }

  unsubscribed(event: Extract<VenueEvent, { type: 'unsubscribed' }>): void {
    if (event.requestId !== undefined) this.#requests.delete(event.requestId);
  }

  /** An ack without request id (Hyperliquid echoes the subscription): settle the requests it answers. */
  #settleAcked(streams: readonly StreamRef[]): void {
    const acked = new Set(streams.map((stream) => this.#name(stream)));
    for (const [id, request] of this.#requests) {
      if (request.kind === 'subscribe' && request.streams.every((stream) => acked.has(this.#name(stream))))
        this.#requests.delete(id);
    }
  }

  /** A rejection: fails the bad streams, and queues the others of a refused frame again (one per frame to isolate). */
  rejected(event: Extract<VenueEvent, { type: 'rejected' }>): void {
    const request = event.requestId === undefined ? undefined : this.#requests.get(event.requestId);
    if (request?.kind === 'unsubscribe') {
      this.#requests.delete(event.requestId as number);
      this.#reports.note('warn', { message: event.message }, 'venue rejected an unsubscribe');
      return;
    }
    if (event.streams && event.streams.length > 0) {
      if (request && this.#spec.ws.rejectScope === 'request') {
        this.#requestRejected(event.requestId as number, request, event);
        return;
      }
      this.#fail(event.streams, event.message, event.code);
      return;
    }
    if (!request) {
      this.#reports.note(
        'warn',
        { message: event.message, requestId: event.requestId },
        'venue rejected an unknown request',
      );
      return;
    }
    this.#requests.delete(event.requestId as number);
    const live = request.streams.filter((stream) => this.assigned.has(this.#name(stream)));
    for (const stream of live) this.#sent.delete(this.#name(stream));
    if (live.length <= 1) {
      this.#fail(live, event.message, event.code);
      return;
    }
    // The whole frame failed for one bad stream: find it by subscribing its streams one per frame.
    this.#reports.note(
      'warn',
      { streams: live.length, message: event.message },
      'request rejected; isolating its streams',
    );
    this.#singles.push(...live);
  }

  /**
   * A request-scope venue refused a whole frame and named the bad streams: none of the frame's
   * streams is subscribed. Fail the named ones and subscribe the rest again (a later refusal names
   * the next bad one). If the names match nothing in the frame, isolate its streams one per frame.
   */
  #requestRejected(
    requestId: number,
    request: PendingRequest,
    event: Extract<VenueEvent, { type: 'rejected' }>,
  ): void {
    this.#requests.delete(requestId);
    const named = new Set((event.streams ?? []).map((stream) => this.#name(stream)));
    const bad: StreamRef[] = [];
    const others: StreamRef[] = [];
    for (const stream of request.streams) {
      const name = this.#name(stream);
      if (!this.assigned.has(name)) continue;
      this.#sent.delete(name);
      (named.has(name) ? bad : others).push(stream);
    }
    if (bad.length === 0) {
      this.#reports.note(
        'warn',
        { streams: others.length, message: event.message },
        'request rejected naming none of its streams; isolating them',
      );
      if (others.length <= 1) this.#fail(others, event.message, event.code);
      else this.#singles.push(...others);
      return;
    }
    this.#fail(bad, event.message, event.code);
    if (others.length === 0) return;
    this.#reports.note(
      'info',
      { streams: others.length },
      're-subscribing the other streams of a rejected request',
    );
    for (const stream of others) {
      const name = this.#name(stream);
      if (this.assigned.has(name)) this.#toSubscribe.set(name, stream);
    }
  }

  #fail(streams: readonly StreamRef[], message: string, code: string | undefined): void {
    for (const stream of streams) {
      const name = this.#name(stream);
      this.#sent.delete(name);
      this.#toSubscribe.delete(name);
    }
    this.#reports.rejected(streams, message, code);
  }
}
