import { describe, expect, it } from 'vitest';
import { parseNatsUrl } from './nats-url';

describe('parseNatsUrl', () => {
  it('takes host and port', () => {
    expect(parseNatsUrl('nats://127.0.0.1:4222')).toEqual({
      options: { servers: ['nats://127.0.0.1:4222'] },
      displayUrl: 'nats://127.0.0.1:4222',
    });
  });

  it('moves user and password into options and out of the display URL', () => {
    const target = parseNatsUrl('nats://alice:s%3Acret@bus.internal:4222');
    expect(target.options).toEqual({ servers: ['nats://bus.internal:4222'], user: 'alice', pass: 's:cret' });
    expect(target.displayUrl).toBe('nats://bus.internal:4222');
  });

  it('treats a lone user part as a token', () => {
    const target = parseNatsUrl('nats://t0ken@bus:4222');
    expect(target.options.token).toBe('t0ken');
    expect(target.displayUrl).toBe('nats://bus:4222');
  });

  it('accepts several servers and tls', () => {
    const target = parseNatsUrl('tls://u:p@a:4222, tls://b:4223');
    expect(target.options.servers).toEqual(['tls://a:4222', 'tls://b:4223']);
    expect(target.options.tls).toEqual({});
    expect(target.displayUrl).toBe('tls://a:4222,tls://b:4223');
  });

  it('refuses other schemes and garbage without echoing credentials', () => {
    expect(() => parseNatsUrl('redis://u:secret@h:6379')).toThrow(
      /"redis:\/\/h:6379": scheme must be nats:\/\//,
    );
    expect(() => parseNatsUrl('not a url')).toThrow(/invalid NATS bus URL "not a url"/);
  });
});
