import { afterEach, describe, expect, it, vi } from 'vitest';
import { Screen } from '../../test/terminal-screen';
import { LiveBoard } from './live-board';

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveBoard', () => {
  it('keeps one line per open stream below the closed candles, updated in place', () => {
    vi.useFakeTimers();
    const screen = new Screen();
    const board = new LiveBoard(screen, { frameMs: 50 });
    board.open('a', 'a open 1');
    board.open('b', 'b open 1');
    vi.advanceTimersByTime(50);
    expect(screen.visible()).toEqual(['a open 1', 'b open 1']);
    board.open('a', 'a open 2');
    board.open('a', 'a open 3');
    vi.advanceTimersByTime(50);
    expect(screen.visible()).toEqual(['a open 3', 'b open 1']);
    board.closed('a', 'a closed 00:00');
    expect(screen.visible()).toEqual(['a closed 00:00', 'b open 1']);
    board.open('a', 'a open 00:01');
    board.closed('b', 'b closed 00:00');
    vi.advanceTimersByTime(50);
    expect(screen.visible()).toEqual(['a closed 00:00', 'b closed 00:00', 'a open 00:01']);
    board.end();
    expect(screen.visible()).toEqual(['a closed 00:00', 'b closed 00:00']);
    board.open('a', 'after end');
    vi.advanceTimersByTime(50);
    expect(screen.visible()).toEqual(['a closed 00:00', 'b closed 00:00']);
  });

  it('coalesces a burst of updates into one redraw per frame', () => {
    vi.useFakeTimers();
    const screen = new Screen();
    const writes = vi.spyOn(screen, 'write');
    const board = new LiveBoard(screen, { frameMs: 100 });
    for (let index = 0; index < 500; index++) board.open('a', `a open ${index}`);
    expect(writes).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(writes).toHaveBeenCalledTimes(1);
    expect(screen.visible()).toEqual(['a open 499']);
  });

  it('cuts open lines to the terminal width so they never wrap', () => {
    vi.useFakeTimers();
    const screen = new Screen();
    screen.columns = 10;
    const board = new LiveBoard(screen, { frameMs: 10 });
    board.open('a', 'x'.repeat(30));
    vi.advanceTimersByTime(10);
    expect(screen.visible()).toEqual(['x'.repeat(9)]);
  });
});

describe('LiveBoard.above', () => {
  it('puts another writer’s line above the open block, which stays last on screen', () => {
    vi.useFakeTimers();
    const screen = new Screen();
    const board = new LiveBoard(screen, { frameMs: 10 });
    board.open('a', 'a open');
    board.open('b', 'b open');
    vi.advanceTimersByTime(10);
    board.above(() => screen.write('{"level":40,"msg":"stalled"}\n'));
    expect(screen.visible()).toEqual(['{"level":40,"msg":"stalled"}', 'a open', 'b open']);
    board.closed('a', 'a closed');
    expect(screen.visible()).toEqual(['{"level":40,"msg":"stalled"}', 'a closed', 'b open']);
  });
});
