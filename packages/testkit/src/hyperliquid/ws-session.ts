/**
 * The `/ws` protocol of one simulated Hyperliquid socket (HL-WS, P-HL-WS):
 * - `{"method":"subscribe"|"unsubscribe","subscription":{…}}` → `subscriptionResponse` echoing the
 *   normalised subscription (candle keys `type, interval, coin`); a repeat → `Already subscribed: {…}`,
 *   an unsubscribe of nothing → `Already unsubscribed: {…}`; the socket stays open.
 * - unknown method/type, missing subscription, non-string coin, bad interval, non-JSON →
 *   `Error parsing JSON into valid websocket request: <the frame>`.
 * - an unknown coin (case-sensitive) → the server drops the socket (1006, no close frame, no reply).
 * - a delisted coin → acked, then nothing.
 * - `{"method":"ping"}` → `{"channel":"pong"}`.
 */
import type { Interval } from '@ohlcv/core';
import type { FaultState } from '../sim/faults';
import type { SimConnection } from '../sim/sim-server';
import type { StreamRegistry } from '../sim/stream-registry';
import { type CoinDirectory, isHyperliquidInterval } from './venue-data';

const PARSE_ERROR = 'Error parsing JSON into valid websocket request: ';
const PONG = '{"channel":"pong"}';
/** Subscription types the venue knows besides `candle`; the simulator acks them and sends nothing. */
const OTHER_TYPES_WITH_COIN = new Set(['trades', 'l2Book', 'bbo', 'activeAssetCtx']);
const OTHER_TYPES = new Set([
  'allMids',
  'notification',
  'webData2',
  'userEvents',
  'userFills',
  'orderUpdates',
]);

export interface WsSessionContext {
  coins: CoinDirectory;
  faults: FaultState;
  registry: StreamRegistry<string>;
  /** Sends a server frame (resets the socket's idle clock). */
  send(connection: SimConnection, text: string): void;
  /** Subscriptions across every socket of the IP, and the cap. */
  subscriptionCount(): number;
  maxSubscriptions: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The normalised subscription as the venue re-serialises it, or undefined when it cannot be one. */
function normalise(
  subscription: unknown,
): { topic: string; candle?: { coin: string; interval: Interval } } | undefined {
  if (!isRecord(subscription) || typeof subscription.type !== 'string') return undefined;
  const { type, coin, interval } = subscription;
  if (type === 'candle') {
    if (typeof coin !== 'string' || !isHyperliquidInterval(interval)) return undefined;
    return {
      topic: `{"type":"candle","interval":${JSON.stringify(interval)},"coin":${JSON.stringify(coin)}}`,
      candle: { coin, interval },
    };
  }
  if (OTHER_TYPES_WITH_COIN.has(type)) {
    if (typeof coin !== 'string') return undefined;
    return { topic: `{"type":${JSON.stringify(type)},"coin":${JSON.stringify(coin)}}` };
  }
  if (OTHER_TYPES.has(type)) return { topic: JSON.stringify(subscription) };
  return undefined;
}

function errorFrame(text: string): string {
  return JSON.stringify({ channel: 'error', data: text });
}

/** The reply to one client text frame (undefined: none), after acting on it. */
function answer(context: WsSessionContext, connection: SimConnection, frame: string): string | undefined {
  const { registry } = context;
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    message = undefined;
  }
  if (!isRecord(message)) return errorFrame(PARSE_ERROR + frame);
  if (message.method === 'ping') return PONG;
  if (message.method !== 'subscribe' && message.method !== 'unsubscribe')
    return errorFrame(PARSE_ERROR + frame);
  const normalised = normalise(message.subscription);
  if (normalised === undefined) return errorFrame(PARSE_ERROR + frame);
  const coin = normalised.candle?.coin ?? (message.subscription as Record<string, unknown>).coin;
  if (typeof coin === 'string' && context.coins.status(coin) === 'unknown') {
    // The venue sends nothing and cuts the socket: every subscription on it dies.
    connection.drop();
    return undefined;
  }
  const ack = `{"channel":"subscriptionResponse","data":{"method":"${message.method}","subscription":${normalised.topic}}}`;
  if (message.method === 'unsubscribe') {
    return registry.unsubscribe(connection, normalised.topic)
      ? ack
      : errorFrame(`Already unsubscribed: ${normalised.topic}`);
  }
  if (registry.topics(connection).includes(normalised.topic)) {
    return errorFrame(`Already subscribed: ${normalised.topic}`);
  }
  if (context.subscriptionCount() >= context.maxSubscriptions) {
    return errorFrame(
      `Cannot track more than ${context.maxSubscriptions} total subscriptions: ${normalised.topic}`,
    );
  }
  const candle = normalised.candle;
  const live = candle !== undefined && context.coins.status(candle.coin) === 'live';
  // Pushes are scheduled on virtual time, so the ack sent now still precedes the first data frame.
  registry.subscribe(
    connection,
    normalised.topic,
    live ? { symbol: candle.coin, interval: candle.interval } : undefined,
  );
  return ack;
}

/** Handles one client text frame; replies are withheld while the venue is silenced. */
export function handleClientFrame(context: WsSessionContext, connection: SimConnection, frame: string): void {
  const reply = answer(context, connection, frame);
  if (reply !== undefined && !context.faults.silenced) context.send(connection, reply);
}
