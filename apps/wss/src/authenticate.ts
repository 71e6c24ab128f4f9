import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The token a client presents: `Authorization: Bearer <token>`, else `?token=<token>`. */
export function presentedToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (match) return match[1];
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  return url.searchParams.get('token') ?? undefined;
}

/** Whether the request carries the shared secret (compared in constant time). */
export function isAuthorized(request: IncomingMessage, token: string): boolean {
  const presented = presentedToken(request);
  if (presented === undefined) return false;
  return timingSafeEqual(digest(presented), digest(token));
}
