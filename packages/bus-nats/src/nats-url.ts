import type { ConnectionOptions } from '@nats-io/transport-node';

/** Connection options from a bus URL, and the URL with credentials removed for logs. */
export interface NatsTarget {
  readonly options: ConnectionOptions;
  readonly displayUrl: string;
}

/**
 * Parses `nats://[user:pass@|token@]host[:port]` (also `tls://`, and several servers separated by
 * commas, e.g. `nats://a:4222,nats://b:4222`); throws an error naming the URL when it is not one.
 */
export function parseNatsUrl(url: string): NatsTarget {
  const servers: string[] = [];
  const shown: string[] = [];
  let user: string | undefined;
  let pass: string | undefined;
  let token: string | undefined;
  for (const part of url.split(',')) {
    const text = part.trim();
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      throw new Error(`invalid NATS bus URL "${redact(url)}": expected nats://host:port`);
    }
    if (parsed.protocol !== 'nats:' && parsed.protocol !== 'tls:') {
      throw new Error(`invalid NATS bus URL "${redact(url)}": scheme must be nats:// or tls://`);
    }
    if (!parsed.hostname) throw new Error(`invalid NATS bus URL "${redact(url)}": no host`);
    if (parsed.username && parsed.password) {
      user = decodeURIComponent(parsed.username);
      pass = decodeURIComponent(parsed.password);
    } else if (parsed.username) {
      token = decodeURIComponent(parsed.username);
    }
    const host = `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`;
    servers.push(`${parsed.protocol}//${host}`);
    shown.push(`${parsed.protocol}//${host}`);
  }
  const options: ConnectionOptions = { servers };
  if (user !== undefined) Object.assign(options, { user, pass });
  if (token !== undefined) options.token = token;
  if (servers.some((server) => server.startsWith('tls:'))) options.tls = {};
  return { options, displayUrl: shown.join(',') };
}

/** The URL with anything between `//` and `@` removed, for error messages. */
function redact(url: string): string {
  return url.replace(/\/\/[^/@,]*@/g, '//');
}
