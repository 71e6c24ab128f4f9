const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A point in time as ms since epoch: epoch milliseconds (`1735689600000`) or ISO 8601
 * (`2025-01-01`, `2025-01-01T12:30`, `2025-01-01T12:30:00.000+02:00`). Times without a zone are UTC.
 */
export function parseTime(raw: string): number {
  const text = raw.trim();
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (Number.isSafeInteger(value)) return value;
  } else {
    const match = ISO_8601.exec(text);
    if (match) {
      const zone = match[8];
      const withZone = match[4] === undefined ? `${text}T00:00:00Z` : zone ? text : `${text}Z`;
      const value = Date.parse(withZone.replace(' ', 'T'));
      if (Number.isFinite(value) && sameCalendarDate(match, value, zone)) return value;
    }
  }
  throw new Error(
    `"${raw}" is not a time: expected ISO 8601 (2025-01-01, 2025-01-01T12:00:00Z) or epoch milliseconds`,
  );
}

/** Rejects dates Date.parse rolls over (2025-02-30 → March 2) — only checkable for UTC input. */
function sameCalendarDate(match: RegExpExecArray, value: number, zone: string | undefined): boolean {
  if (zone !== undefined && zone.toUpperCase() !== 'Z') return true;
  const date = new Date(value);
  return (
    date.getUTCFullYear() === Number(match[1]) &&
    date.getUTCMonth() + 1 === Number(match[2]) &&
    date.getUTCDate() === Number(match[3])
  );
}
