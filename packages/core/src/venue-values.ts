import type { HttpResponse } from './venue-adapter';

/**
 * Small readers adapters share for venue input: `unknown` in, a typed value or NaN/undefined out,
 * never a throw. Kept allocation-free for the hot path.
 */

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A venue number given as a decimal string (or a JSON number); NaN for anything else, `""` included. */
export function parseDecimal(value: unknown): number {
  if (typeof value === 'string') return value.length === 0 ? Number.NaN : Number(value);
  if (typeof value === 'number') return value;
  return Number.NaN;
}

/** Whole milliseconds (or a count) given as a JSON number; NaN otherwise. */
export function parseInteger(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : Number.NaN;
}

/** Open, high, low, close and volume are all finite numbers (five arguments: nothing allocated). */
export function isFiniteOhlcv(
  open: number,
  high: number,
  low: number,
  close: number,
  volume: number,
): boolean {
  return (
    Number.isFinite(open) &&
    Number.isFinite(high) &&
    Number.isFinite(low) &&
    Number.isFinite(close) &&
    Number.isFinite(volume)
  );
}

const SNIPPET_LENGTH = 160;

/** The start of a frame or body, for error messages. */
export function snippet(text: string, length = SNIPPET_LENGTH): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/**
 * The venue's clock when it answered: its `Date` header (whole seconds, rounded down, so never
 * early), or undefined without one. This — not the local clock — is how a REST row is judged final.
 */
export function venueTimeOf(response: HttpResponse): number | undefined {
  const date = response.headers.date;
  if (date === undefined) return undefined;
  const time = Date.parse(date);
  return Number.isNaN(time) ? undefined : time;
}
