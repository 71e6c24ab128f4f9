import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type CodeBlock, codeBlocks, shellCommands } from './code-blocks';
import { EXAMPLE_CASES, type Expectation } from './example-cases';
import { runExample } from './run-example';
import { SimulatedVenues } from './simulated-venues';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = fileURLToPath(new URL('..', import.meta.url));
const runDir = join(here, '.run');

function readmes(): string[] {
  const nested = ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(root, group)).map((name) => join(group, name, 'README.md')),
  );
  return ['README.md', ...nested].filter((path) => {
    try {
      readFileSync(join(root, path));
      return true;
    } catch {
      return false;
    }
  });
}

const blocks: CodeBlock[] = readmes().flatMap((path) =>
  codeBlocks(path, readFileSync(join(root, path), 'utf8')),
);

/** What the test run has already done for a shell line (install, build). */
const SETUP = /^(npx -y pnpm@[\d.]+|pnpm)( install| build)$/;
const PREFIX = /^(npx -y pnpm@[\d.]+ exec |pnpm exec |node_modules\/\.bin\/)?/;
const BINARIES: Record<string, string> = {
  ohlcv: join(root, 'apps/cli/dist/cli.js'),
  'ohlcv-wss': join(root, 'apps/wss/dist/cli.js'),
  'ohlcv-health': join(root, 'apps/health/dist/cli.js'),
};

/** Fixed ports of the examples become 0: tests never bind a fixed port. */
const noFixedPorts = (text: string): string => text.replace(/\b876[5-9]\b/g, '0');
/** Servers started by an example bind no extra fixed health port either. */
const PORT_ENV = { OHLCV_HEALTH_PORT: '0' };

function commandOf(line: string): { command: string; args: string[] } {
  const words = noFixedPorts(line.replace(PREFIX, '')).split(/\s+/);
  const [name, ...args] = words;
  if (name === 'node')
    return {
      command: process.execPath,
      args: args.map((arg) => (arg.startsWith('apps/') ? join(root, arg) : arg)),
    };
  const binary = BINARIES[name!];
  if (!binary)
    throw new Error(`no way to run "${line}" (add it to readme-examples/src/readme-examples.test.ts)`);
  return { command: process.execPath, args: [binary, ...args] };
}

function describeRun(lines: readonly string[]): string {
  return lines.slice(-25).join('\n');
}

const venues = new SimulatedVenues();
afterAll(async () => {
  await venues.close();
  rmSync(runDir, { recursive: true, force: true });
});

async function check(expectation: Expectation, run: Parameters<typeof runExample>[0]): Promise<void> {
  const result = await runExample({ ...run, stopOnMatch: !expectation.exits });
  const output = describeRun(result.lines);
  expect(result.timedOut, `timed out; last output:\n${output}`).toBe(false);
  expect(
    result.satisfied,
    `expected ${expectation.count ?? 1}× ${expectation.expect}; last output:\n${output}`,
  ).toBe(true);
  if (expectation.exits) expect(result.code, `exit code; last output:\n${output}`).toBe(0);
  expect(
    result.lines.filter((line) => /Error|Unhandled|TypeError/.test(line) && !/"level":40/.test(line)),
  ).toEqual([]);
}

describe('every README code block has a case', () => {
  it('and every case a block', () => {
    const ids = blocks.map((block) => block.id);
    const missing = blocks.filter((block) => !(block.id in EXAMPLE_CASES));
    expect(
      missing.map((block) => `${block.id} (line ${block.line}): ${block.code.split('\n')[0]}`),
      'add these to readme-examples/src/example-cases.ts',
    ).toEqual([]);
    expect(Object.keys(EXAMPLE_CASES).filter((id) => !ids.includes(id))).toEqual([]);
  });
});

describe.each(blocks.filter((block) => EXAMPLE_CASES[block.id]?.kind === 'ts'))(
  '$id (line $line)',
  (block) => {
    it('runs as written against the simulators', { timeout: 90_000 }, async () => {
      const example = EXAMPLE_CASES[block.id]!;
      if (example.kind !== 'ts') throw new Error('unreachable');
      mkdirSync(runDir, { recursive: true });
      const file = join(runDir, `${block.id.replace(/[^\w]+/g, '-')}.mts`);
      writeFileSync(file, noFixedPorts(block.code));
      const env = { ...(await venues.env(example.venues)), ...PORT_ENV };
      await check(example, {
        command: process.execPath,
        args: ['--conditions=@ohlcv/source', '--import', 'tsx', relative(here, file)],
        cwd: here,
        env,
        expect: example.expect,
        count: example.count ?? 1,
        timeoutMs: 60_000,
      });
    });
  },
);

describe.each(blocks.filter((block) => EXAMPLE_CASES[block.id]?.kind === 'sh'))(
  '$id (line $line)',
  (block) => {
    const example = EXAMPLE_CASES[block.id]!;
    if (example.kind !== 'sh') throw new Error('unreachable');
    const lines = shellCommands(block.code).flatMap((line) => line.split('&&').map((part) => part.trim()));
    const commands = lines.filter((line) => !SETUP.test(line));

    it('has an expectation for each of its commands', () => {
      expect(commands.filter((line) => !(line in example.commands))).toEqual([]);
      expect(Object.keys(example.commands).filter((line) => !commands.includes(line))).toEqual([]);
    });

    it.each(commands.filter((line) => !('notRun' in (example.commands[line] ?? {}))))(
      '%s',
      { timeout: 120_000 },
      async (line) => {
        const expectation = example.commands[line] as Expectation;
        const cwd = mkdtempSync(join(tmpdir(), 'readme-example-'));
        try {
          const env = { ...(await venues.env(example.venues)), ...PORT_ENV };
          await check(expectation, {
            ...commandOf(line),
            cwd,
            env,
            expect: expectation.expect,
            count: expectation.count ?? 1,
            timeoutMs: 90_000,
          });
        } finally {
          rmSync(cwd, { recursive: true, force: true });
        }
      },
    );
  },
);

describe('blocks that are not run say why', () => {
  it.each(blocks.filter((block) => ['not-run', 'output'].includes(EXAMPLE_CASES[block.id]?.kind ?? '')))(
    '$id',
    (block) => {
      const example = EXAMPLE_CASES[block.id]!;
      const text =
        example.kind === 'not-run' ? example.reason : example.kind === 'output' ? example.note : '';
      expect(text.length).toBeGreaterThan(20);
    },
  );
});
