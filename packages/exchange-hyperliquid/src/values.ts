/** A venue number given as a decimal string (or a JSON number); NaN for anything else, `""` included. */
export function decimal(value: unknown): number {
  if (typeof value === 'string') return value.length === 0 ? Number.NaN : Number(value);
  if (typeof value === 'number') return value;
  return Number.NaN;
}

/** Whole milliseconds (or a count) given as a JSON number; NaN otherwise. */
export function integer(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : Number.NaN;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SNIPPET_LENGTH = 160;

/** The start of a frame or body, for error messages. */
export function snippet(text: string): string {
  return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
}
