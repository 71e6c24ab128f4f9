import type { TestClient } from '../sim/test-client';

/** Parsed kline events received by a client (raw or combined), in arrival order. */
export interface KlineEvent {
  e: string;
  E: number;
  s: string;
  k: {
    t: number;
    T: number;
    s: string;
    i: string;
    f: number;
    L: number;
    o: string;
    c: string;
    h: string;
    l: string;
    v: string;
    n: number;
    x: boolean;
    q: string;
    V: string;
    Q: string;
    B: string;
  };
}

export function klineEvents(client: TestClient, fromIndex = 0): KlineEvent[] {
  const out: KlineEvent[] = [];
  for (const frame of client.frames.slice(fromIndex)) {
    let value: unknown;
    try {
      value = JSON.parse(frame);
    } catch {
      continue;
    }
    const record = value as { e?: unknown; data?: { e?: unknown } };
    if (record.e === 'kline') out.push(value as KlineEvent);
    else if (record.data?.e === 'kline') out.push(record.data as KlineEvent);
  }
  return out;
}

/** Waits until `count` kline events arrived after `fromIndex`. */
export async function waitForKlines(client: TestClient, count: number, fromIndex = 0): Promise<KlineEvent[]> {
  await client.next(() => klineEvents(client, fromIndex).length >= count, { fromIndex });
  return klineEvents(client, fromIndex);
}
