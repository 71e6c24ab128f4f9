/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A venue number given as a decimal string (OKX sends every number as a string); NaN otherwise, `""` included. */
export function decimal(value: unknown): number {
  if (typeof value === 'string') return value.length === 0 ? Number.NaN : Number(value);
  if (typeof value === 'number') return value;
  return Number.NaN;
}

/** A ms timestamp given as a string of digits (`"1597026383085"`); NaN otherwise. */
export function timestamp(value: unknown): number {
  if (typeof value !== 'string' || value.length === 0) return Number.NaN;
  const time = Number(value);
  return Number.isSafeInteger(time) && time >= 0 ? time : Number.NaN;
}

/** A non-empty string, else undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

const SNIPPET_LENGTH = 160;

/** The start of a frame or body for error messages. */
export function snippet(value: string): string {
  return value.length > SNIPPET_LENGTH ? `${value.slice(0, SNIPPET_LENGTH)}…` : value;
}
