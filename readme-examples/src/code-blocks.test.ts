import { describe, expect, it } from 'vitest';
import { codeBlocks, shellCommands } from './code-blocks';

describe('codeBlocks', () => {
  it('finds fenced blocks with their language, body and line, numbered per file', () => {
    const markdown = ['# T', '```ts', 'const a = 1;', '```', 'text', '```sh', 'ls # list', '```', ''].join(
      '\n',
    );
    expect(codeBlocks('X.md', markdown)).toEqual([
      { id: 'X.md#1', lang: 'ts', code: 'const a = 1;', line: 2 },
      { id: 'X.md#2', lang: 'sh', code: 'ls # list', line: 6 },
    ]);
  });

  it('names the line of a block that is never closed', () => {
    expect(() => codeBlocks('X.md', '```ts\nx\n\ntext\n')).toThrow('X.md:1: code block never closed');
  });

  it('keeps a longer fence open across a shorter one inside it', () => {
    const blocks = codeBlocks('Y.md', ['````md', '```ts', 'x', '```', '````'].join('\n'));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.code).toBe('```ts\nx\n```');
  });
});

describe('shellCommands', () => {
  it('drops comments and blank lines and trailing comments', () => {
    expect(shellCommands('# one\n\nohlcv demo   # simulated\n  pnpm test\n')).toEqual([
      'ohlcv demo',
      'pnpm test',
    ]);
  });
});
