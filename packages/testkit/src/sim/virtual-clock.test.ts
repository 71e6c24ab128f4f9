import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_START_TIME, SimulatorClock } from './virtual-clock';

describe('SimulatorClock manual', () => {
  it('starts at the default aligned epoch and moves only by advance', async () => {
    const clock = new SimulatorClock();
    expect(clock.mode).toBe('manual');
    expect(clock.now()).toBe(DEFAULT_START_TIME);
    expect(new Date(clock.now()).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    await clock.advance(1_500);
    expect(clock.now()).toBe(DEFAULT_START_TIME + 1_500);
  });

  it('runs events in time order with now() at each event, including events scheduled on the way', async () => {
    const clock = new SimulatorClock({ startTime: 0 });
    const seen: Array<[string, number]> = [];
    clock.schedule(300, () => void seen.push(['c', clock.now()]));
    clock.schedule(100, () => {
      seen.push(['a', clock.now()]);
      clock.schedule(200, () => void seen.push(['b', clock.now()]));
    });
    clock.schedule(100, () => void seen.push(['a2', clock.now()]));
    const late = clock.schedule(250, () => void seen.push(['cancelled', clock.now()]));
    late.cancel();
    clock.schedule(1_000, () => void seen.push(['later', clock.now()]));
    await clock.advance(500);
    expect(seen).toEqual([
      ['a', 100],
      ['a2', 100],
      ['b', 200],
      ['c', 300],
    ]);
    expect(clock.now()).toBe(500);
  });

  it('awaits async tasks and settlers, and serializes concurrent advances', async () => {
    const clock = new SimulatorClock({ startTime: 0 });
    const order: string[] = [];
    clock.schedule(10, async () => {
      await Promise.resolve();
      order.push('task');
    });
    clock.addSettler(async () => void order.push('settle'));
    const first = clock.advance(20);
    const second = clock.advance(30);
    await Promise.all([first, second]);
    expect(order).toEqual(['task', 'settle', 'settle']);
    expect(clock.now()).toBe(50);
  });

  it('rejects bad input naming the value', async () => {
    const clock = new SimulatorClock();
    await expect(clock.advance(-1)).rejects.toThrow('-1');
    expect(() => new SimulatorClock({ clock: { mode: 'auto', speed: 0 } })).toThrow('0');
  });
});

describe('SimulatorClock auto', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs speed × real time and fires due events from a real timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const clock = new SimulatorClock({ clock: { mode: 'auto', speed: 100 }, startTime: 0 });
    const fired: number[] = [];
    clock.schedule(5_000, () => void fired.push(clock.now()));
    await vi.advanceTimersByTimeAsync(20);
    expect(clock.now()).toBe(2_000);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(40);
    expect(fired).toEqual([5_000]);
    expect(clock.now()).toBe(6_000);
    clock.stop();
  });
});
