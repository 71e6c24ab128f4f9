import { describe, expect, it } from 'vitest';
import { SendWindow } from './send-window';

describe('SendWindow', () => {
  it('allows at most `messages` sends in any window of `perMs`', () => {
    let now = 0;
    const window = new SendWindow(5, 1_000, () => now);
    for (let index = 0; index < 5; index += 1) {
      expect(window.waitMs()).toBe(0);
      window.record();
      now += 10;
    }
    expect(window.waitMs()).toBe(1_000 - 50);
    now = 999;
    expect(window.waitMs()).toBe(1); // the first send leaves the window a full perMs after it
    now = 1_000;
    expect(window.waitMs()).toBe(0);
  });

  it('makes later sends wait longer after a forced overdraw', () => {
    let now = 0;
    const window = new SendWindow(2, 1_000, () => now);
    window.record();
    now = 100;
    window.record();
    now = 200;
    window.record(); // a heartbeat that had to go out
    now = 300;
    // Two of three sends must leave before a slot frees: the one at 100, at 1100.
    expect(window.waitMs()).toBe(800);
    now = 1_100;
    expect(window.waitMs()).toBe(0);
  });
});
