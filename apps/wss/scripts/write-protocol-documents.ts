import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { protocolDocuments } from './protocol-documents';

// Writes docs/schemas/*.json and docs/asyncapi.yaml: `pnpm --filter @ohlcv/wss protocol-docs`.
const docs = fileURLToPath(new URL('../../../docs/', import.meta.url));
const written: string[] = [];
for (const [path, text] of Object.entries(protocolDocuments())) {
  const target = `${docs}${path}`;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  written.push(target);
  process.stdout.write(`wrote docs/${path}\n`);
}
// In the repository's JSON style (the freshness test compares parsed contents, not bytes).
execFileSync(
  'pnpm',
  ['exec', 'biome', 'format', '--write', ...written.filter((path) => path.endsWith('.json'))],
  {
    stdio: 'inherit',
  },
);
