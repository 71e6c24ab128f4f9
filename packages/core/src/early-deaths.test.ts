import { describe, expect, it } from 'vitest';
import { EarlyDeaths } from './early-deaths';

describe('EarlyDeaths', () => {
  it('makes the symbols suspect after `threshold` early deaths in a row, and again on every one after', () => {
    const deaths = new EarlyDeaths(3);
    expect([deaths.note(true), deaths.note(true), deaths.note(true), deaths.note(true)]).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('starts counting again after a socket that lived', () => {
    const deaths = new EarlyDeaths(2);
    deaths.note(true);
    expect(deaths.note(false)).toBe(false);
    expect(deaths.note(true)).toBe(false);
    expect(deaths.note(true)).toBe(true);
  });

  it('with threshold 1 (the venue drops the socket for an unknown symbol), one early death is enough', () => {
    expect(new EarlyDeaths(1).note(true)).toBe(true);
  });
});
