import { describe, expect, it } from 'vitest';
import { SubscriptionLedger } from './subscription-ledger';
import { createToyAdapter, toyMarketSpec } from './test-support/toy-adapter';
import type { StreamRef } from './venue-adapter';

const ref = (symbol: string): StreamRef => ({ symbol, interval: '1m' });
const nameOf = (stream: StreamRef) => `${stream.symbol}@1m`;

function setUp(rejectScope: 'stream' | 'request' = 'stream', maxStreamsPerRequest = 10) {
  const rejected: string[] = [];
  const notes: string[] = [];
  const ledger = new SubscriptionLedger(
    createToyAdapter(),
    'spot',
    toyMarketSpec({ ws: { rejectScope, maxStreamsPerRequest } }),
    {
      rejected: (streams, message) => rejected.push(`${streams.map(nameOf).join(',')}: ${message}`),
      note: (_level, _fields, message) => notes.push(message),
    },
  );
  const add = (...symbols: string[]) => {
    for (const symbol of symbols) ledger.add(nameOf(ref(symbol)), ref(symbol), true);
  };
  const frames = () => {
    const out: string[] = [];
    for (let frame = ledger.nextFrame(); frame; frame = ledger.nextFrame())
      out.push(`${frame.requestId} ${frame.kind} ${frame.streams.map(nameOf).join(',')}`);
    return out;
  };
  return { ledger, rejected, notes, add, frames };
}

describe('SubscriptionLedger', () => {
  it('batches subscribes up to the frame limit, and unsubscribes go first', () => {
    const { ledger, add, frames } = setUp('stream', 2);
    add('A', 'B', 'C');
    expect(frames()).toEqual(['1 subscribe A@1m,B@1m', '2 subscribe C@1m']);
    ledger.remove('B@1m', true);
    add('D');
    expect(frames()).toEqual(['3 unsubscribe B@1m', '4 subscribe D@1m']);
    expect([...ledger.assigned.keys()]).toEqual(['A@1m', 'C@1m', 'D@1m']);
    expect(ledger.argChars).toBe(12);
  });

  it('keeps a stream removed and added back before its unsubscribe went out', () => {
    const { ledger, add, frames } = setUp();
    add('A');
    frames();
    ledger.remove('A@1m', true);
    expect(ledger.hasPending()).toBe(true);
    add('A');
    expect(frames()).toEqual([]);
  });

  it('settles acks by request id, and knows when a subscribe is unanswered', () => {
    const { ledger, add, frames } = setUp();
    add('A', 'B');
    frames();
    expect(ledger.hasPendingSubscribe()).toBe(true);
    expect(ledger.subscribed({ type: 'subscribed', requestId: 1 })?.map(nameOf)).toEqual(['A@1m', 'B@1m']);
    expect(ledger.hasPendingSubscribe()).toBe(false);
  });

  it('isolates a whole-frame rejection one stream per frame, then fails the bad one alone', () => {
    const { ledger, add, frames, rejected, notes } = setUp('request');
    add('A', 'B', 'C');
    frames();
    ledger.rejected({ type: 'rejected', requestId: 1, message: 'bad symbol in request' });
    expect(notes).toEqual(['request rejected; isolating its streams']);
    expect(frames()).toEqual(['2 subscribe A@1m', '3 subscribe B@1m', '4 subscribe C@1m']);
    ledger.rejected({ type: 'rejected', requestId: 3, message: 'bad symbol B' });
    expect(rejected).toEqual(['B@1m: bad symbol B']);
  });

  it('fails the named streams of a refused frame and subscribes its others again', () => {
    const { ledger, add, frames, rejected } = setUp('request');
    add('A', 'B', 'C');
    frames();
    ledger.rejected({ type: 'rejected', requestId: 1, streams: [ref('B')], message: 'unknown B' });
    expect(rejected).toEqual(['B@1m: unknown B']);
    expect(frames()).toEqual(['2 subscribe A@1m,C@1m']);
  });

  it("forgets the socket's state on close and subscribes everything assigned on the next socket", () => {
    const { ledger, add, frames } = setUp();
    add('A', 'B');
    frames();
    ledger.resubscribe('A@1m');
    ledger.clearSocket();
    expect(ledger.hasPending()).toBe(false);
    expect(ledger.hasPendingSubscribe()).toBe(false);
    ledger.startOver();
    expect(frames()).toEqual(['2 subscribe A@1m,B@1m']);
  });
});
