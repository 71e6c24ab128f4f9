import { describe, expect, it } from 'vitest';
import { StreamRoutes } from './stream-routes';

describe('StreamRoutes', () => {
  it("routes by symbol and interval, lists a symbol's streams and forgets empty symbols", () => {
    const routes = new StreamRoutes<string>();
    routes.add('BTCUSDT', '1m', 'btc 1m');
    routes.add('BTCUSDT', '5m', 'btc 5m');
    routes.add('ETHUSDT', '1m', 'eth 1m');
    expect(routes.get('BTCUSDT', '5m')).toBe('btc 5m');
    expect(routes.get('BTCUSDT', '1h')).toBeUndefined();
    expect(routes.ofSymbol('BTCUSDT')).toEqual(['btc 1m', 'btc 5m']);
    routes.remove('ETHUSDT', '1m');
    expect([...routes.symbols()]).toEqual(['BTCUSDT']);
    for (const _ of routes.ofSymbol('BTCUSDT')) routes.remove('BTCUSDT', '1m');
    expect(routes.ofSymbol('BTCUSDT')).toEqual(['btc 5m']);
    routes.clear();
    expect([...routes.symbols()]).toEqual([]);
  });
});
