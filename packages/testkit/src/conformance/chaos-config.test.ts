import { describe, expect, it } from 'vitest';
import {
  chaosSettings,
  DEFAULT_FAULT_KINDS,
  FAULT_KINDS,
  LONG_RUN_CANDLES,
  parseFaultKinds,
  replayCommand,
  SHORT_RUN_CANDLES,
} from './chaos-config';

describe('chaos settings', () => {
  it('defaults to the short form with every fault kind', () => {
    const settings = chaosSettings({});
    expect(settings).toMatchObject({ candles: SHORT_RUN_CANDLES, seedGiven: false, long: false });
    expect(settings.kinds).toEqual(FAULT_KINDS);
    expect(DEFAULT_FAULT_KINDS).toEqual(FAULT_KINDS);
  });

  it('reads the long form, a seed, a venue and a set of kinds', () => {
    const settings = chaosSettings({
      CHAOS_LONG: '1',
      CHAOS_SEED: '123',
      CHAOS_VENUE: 'gateio:usdm',
      CHAOS_FAULTS: 'drop, pause',
    });
    expect(settings).toMatchObject({
      candles: LONG_RUN_CANDLES,
      seed: 123,
      seedGiven: true,
      venue: 'gateio:usdm',
    });
    expect(settings.kinds).toEqual(['drop', 'pause']);
  });

  it('refuses bad values, naming them', () => {
    expect(() => parseFaultKinds('drop,explode')).toThrow('"explode"');
    expect(() => chaosSettings({ CHAOS_SEED: 'x1' })).toThrow('"x1"');
  });

  it('prints the command that replays a run', () => {
    expect(replayCommand(chaosSettings({}), 'gateio:usdm', 42)).toBe(
      'pnpm test:chaos --seed 42 --venue gateio:usdm',
    );
    expect(replayCommand(chaosSettings({ CHAOS_FAULTS: 'drop', CHAOS_CANDLES: '50' }), 'okx:spot', 7)).toBe(
      'pnpm test:chaos --seed 7 --venue okx:spot --candles 50 --faults drop',
    );
  });
});
