import type { StreamRef } from '@ohlcv/core';
import { intervalOfChannel } from './okx-intervals';
import { isRecord } from './values';

/** Stream of a subscription arg `{"channel":"candle1m","instId":"BTC-USDT"}`; undefined for non-candle args. */
export function streamOfArg(arg: unknown): StreamRef | undefined {
  if (!isRecord(arg)) return undefined;
  const channel = arg.channel;
  const symbol = arg.instId;
  if (typeof channel !== 'string' || typeof symbol !== 'string' || symbol.length === 0) return undefined;
  const interval = intervalOfChannel(channel);
  return interval === undefined ? undefined : { symbol, interval };
}

/** `channel:candle1m,instId:BTC-USDT doesn't exist` inside a 60018 message. */
const FAILED_ARG = /channel:\s*([^,\s]+)\s*,\s*instId:\s*([^\s,]+)/;

/**
 * Stream named by an error message: 60018 carries no `arg`, only the text
 * `Wrong URL or channel:candle1m,instId:XXX doesn't exist…` (or the newer `Subscribe failed, wrong URL or channel:…`).
 */
export function streamOfErrorMessage(message: string): StreamRef | undefined {
  const match = FAILED_ARG.exec(message);
  if (match === null) return undefined;
  const interval = intervalOfChannel(match[1]!);
  return interval === undefined ? undefined : { symbol: match[2]!, interval };
}

/** Our request id echoed in `id` (we send digits); undefined when absent or foreign. */
export function requestIdOf(id: unknown): number | undefined {
  if (typeof id !== 'string' || !/^\d{1,15}$/.test(id)) return undefined;
  return Number(id);
}
