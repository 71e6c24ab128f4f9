/**
 * `time` field of a client request, Unix seconds. Gate spot refuses requests whose time is more than
 * 60 s from its clock, so this is the current time. It only stamps outgoing frames; no candle state
 * is ever judged with it. (The adapter contract gives no clock; see README.)
 */
export function requestTimeSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
