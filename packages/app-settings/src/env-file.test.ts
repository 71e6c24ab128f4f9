import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envFileFlag, loadEnvFile } from './env-file';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'app-settings-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('loadEnvFile', () => {
  it('reads ./.env when present, without overriding variables already set', () => {
    const dir = dirWith({ '.env': 'A=1 # comment\nB="two words"\n# note\nC=3\n' });
    const result = loadEnvFile([], { C: 'set' }, dir);
    expect(result.env).toMatchObject({ A: '1', B: 'two words', C: 'set' });
    expect(result.loaded).toEqual(['A', 'B']);
    expect(result.path).toBe(join(dir, '.env'));
  });

  it('reads nothing when there is no ./.env', () => {
    const dir = dirWith({});
    expect(loadEnvFile(['node', 'x'], { A: '1' }, dir)).toEqual({
      env: { A: '1' },
      path: undefined,
      loaded: [],
    });
  });

  it('reads the file named by --env-file, which must exist', () => {
    const dir = dirWith({ 'prod.env': 'X=9\n', '.env': 'X=1\n' });
    expect(loadEnvFile(['--env-file', 'prod.env'], {}, dir).env.X).toBe('9');
    expect(loadEnvFile(['--env-file=prod.env'], {}, dir).env.X).toBe('9');
    expect(() => loadEnvFile(['--env-file', 'missing.env'], {}, dir)).toThrow(
      /invalid --env-file: cannot read ".*missing\.env"/,
    );
    expect(() => envFileFlag(['--env-file'])).toThrow('--env-file needs a path');
  });
});
