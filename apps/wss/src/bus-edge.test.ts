import { describe, expect, it } from 'vitest';
import { busUrlSetting } from './bus-edge';

describe('busUrlSetting', () => {
  it('takes --bus, else OHLCV_BUS_URL, else none (one process)', () => {
    expect(busUrlSetting({ bus: 'redis://a:1' }, { OHLCV_BUS_URL: 'nats://b:2' })).toBe('redis://a:1');
    expect(busUrlSetting({}, { OHLCV_BUS_URL: ' nats://b:2 ' })).toBe('nats://b:2');
    expect(busUrlSetting({}, { OHLCV_BUS_URL: '' })).toBeUndefined();
    expect(busUrlSetting({ bus: '  ' }, {})).toBeUndefined();
    expect(busUrlSetting({}, {})).toBeUndefined();
  });
});
