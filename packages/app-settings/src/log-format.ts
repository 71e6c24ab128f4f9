/** How logs are written: JSON lines, human-readable lines, or pretty on a terminal and JSON elsewhere. */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export function parseLogFormat(raw: string): LogFormat {
  const value = raw.trim().toLowerCase();
  const format = LOG_FORMATS.find((entry) => entry === value);
  if (format !== undefined) return format;
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  throw new Error(`unknown log format "${shown}": expected one of ${LOG_FORMATS.join(', ')}`);
}
