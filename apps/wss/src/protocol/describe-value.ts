/** Bounds on a client value echoed in an error text. */
export interface DescribeOptions {
  /** Nesting levels shown; deeper arrays and objects become `[…]` / `{…}`. */
  maxDepth?: number;
  /** Characters at most in the result (an ellipsis marks the cut). */
  maxLength?: number;
}

const ITEMS_SHOWN = 5;

function describeInto(value: unknown, depth: number, maxDepth: number, budget: { left: number }): string {
  if (budget.left <= 0) return '…';
  let text: string;
  if (typeof value === 'string') {
    text = JSON.stringify(value.length > budget.left ? `${value.slice(0, budget.left)}…` : value);
  } else if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    text = String(value);
  } else if (value === undefined) {
    text = 'undefined';
  } else if (typeof value === 'bigint') {
    text = `${value}n`;
  } else if (Array.isArray(value)) {
    if (value.length === 0) text = '[]';
    else if (depth >= maxDepth) text = '[…]';
    else {
      const parts: string[] = [];
      for (let index = 0; index < Math.min(value.length, ITEMS_SHOWN) && budget.left > 0; index += 1) {
        parts.push(describeInto(value[index], depth + 1, maxDepth, budget));
      }
      if (value.length > parts.length) parts.push(`… ${value.length - parts.length} more`);
      text = `[${parts.join(',')}]`;
    }
  } else if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) text = '{}';
    else if (depth >= maxDepth) text = '{…}';
    else {
      const parts: string[] = [];
      for (let index = 0; index < Math.min(keys.length, ITEMS_SHOWN) && budget.left > 0; index += 1) {
        const key = keys[index] as string;
        const shown = describeInto(key, maxDepth, maxDepth, budget);
        parts.push(
          `${shown}:${describeInto((value as Record<string, unknown>)[key], depth + 1, maxDepth, budget)}`,
        );
      }
      if (keys.length > parts.length) parts.push(`… ${keys.length - parts.length} more`);
      text = `{${parts.join(',')}}`;
    }
  } else {
    text = typeof value;
  }
  budget.left -= text.length;
  return text;
}

/**
 * A short JSON-like rendering of a value a client sent, for error texts: bounded in depth and length
 * whatever the value (a frame of 4,000 nested arrays must not overflow the stack), never throws.
 */
export function describeValue(value: unknown, options: DescribeOptions = {}): string {
  const maxDepth = options.maxDepth ?? 3;
  const maxLength = options.maxLength ?? 80;
  const text = describeInto(value, 0, maxDepth, { left: maxLength });
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

/** The first `maxLength` characters of a client's text, for error texts. */
export function previewText(text: string, maxLength = 80): string {
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}
