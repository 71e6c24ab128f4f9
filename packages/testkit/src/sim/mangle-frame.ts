/**
 * How the truncated, garbage and oversized frame faults spoil a push (venue-independent: every venue
 * pushes JSON objects): `truncate` cuts the frame in half, `garbage` replaces it with bytes that are not
 * JSON, `oversize` keeps the push whole but pads it with a {@link OVERSIZED_FRAME_BYTES} field, far over
 * any frame a venue sends for a candle.
 */
import type { FrameMangle } from './rest-faults';

export const OVERSIZED_FRAME_BYTES = 1024 * 1024;

const GARBAGE = '\u0000\u00ff<html>502 Bad Gateway</html>\u001b[0m}{][';

export function mangleFrame(frame: string, mangle: FrameMangle, salt: number): string {
  if (mangle === 'truncate') return frame.slice(0, Math.max(1, Math.floor(frame.length / 2)));
  if (mangle === 'garbage') return `${GARBAGE.slice(salt % 7)}${GARBAGE}`;
  if (!frame.startsWith('{')) return frame;
  return `{"pad":"${'x'.repeat(OVERSIZED_FRAME_BYTES)}",${frame.slice(1)}`;
}
