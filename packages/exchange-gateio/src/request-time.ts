/**
 * `time` field of a client request, Unix seconds, from the engine's `now` (ms). Gate spot refuses
 * requests whose time is more than 60 s from its clock. It only stamps outgoing frames; no candle
 * state is ever judged with it.
 */
export function requestTimeSeconds(now: number): number {
  return Math.floor(now / 1000);
}
