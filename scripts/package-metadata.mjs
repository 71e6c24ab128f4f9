#!/usr/bin/env node
// Every publishable package carries the same release metadata and the repository's LICENSE.
// `node scripts/package-metadata.mjs` checks (part of `pnpm lint`); `--fix` writes what is missing.
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const REPOSITORY = 'https://github.com/ohlcv-connector/ohlcv';
const BASE_KEYWORDS = ['ohlcv', 'candles', 'klines', 'crypto', 'market-data', 'websocket'];
const fix = process.argv.includes('--fix');
const root = new URL('..', import.meta.url).pathname;
const license = readFileSync(join(root, 'LICENSE'), 'utf8');

function packageDirs() {
  return ['packages', 'apps']
    .flatMap((group) =>
      readdirSync(join(root, group), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(group, entry.name)),
    )
    .filter((dir) => existsSync(join(root, dir, 'package.json')));
}

function expected(dir, manifest) {
  const topic = manifest.name.replace('@ohlcv/', '').replace(/^exchange-/, '');
  return {
    repository: { type: 'git', url: `git+${REPOSITORY}.git`, directory: dir },
    homepage: `${REPOSITORY}/tree/main/${dir}#readme`,
    bugs: { url: `${REPOSITORY}/issues` },
    keywords: [...new Set([...BASE_KEYWORDS, topic, ...(manifest.keywords ?? [])])],
  };
}

/** Release metadata right after `license`, so the fields stay together and away from the dependency lists. */
function ordered(manifest) {
  const metadata = ['repository', 'homepage', 'bugs', 'keywords'];
  const out = {};
  for (const [key, value] of Object.entries(manifest)) {
    if (metadata.includes(key)) continue;
    out[key] = value;
    if (key === 'license') for (const field of metadata) if (field in manifest) out[field] = manifest[field];
  }
  return out;
}

const problems = [];
for (const dir of packageDirs()) {
  const path = join(root, dir, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  if (manifest.private) continue;
  const want = expected(dir, manifest);
  const licensePath = join(root, dir, 'LICENSE');
  if (!existsSync(licensePath) || readFileSync(licensePath, 'utf8') !== license) {
    if (fix) copyFileSync(join(root, 'LICENSE'), licensePath);
    else problems.push(`${dir}: LICENSE missing or different from the repository's`);
  }
  if (manifest.license !== 'MIT')
    problems.push(`${dir}: "license" is ${JSON.stringify(manifest.license)}, expected "MIT"`);
  for (const field of ['repository', 'homepage', 'bugs']) {
    if (JSON.stringify(manifest[field]) === JSON.stringify(want[field])) continue;
    if (fix) manifest[field] = want[field];
    else
      problems.push(
        `${dir}: "${field}" is ${JSON.stringify(manifest[field])}, expected ${JSON.stringify(want[field])}`,
      );
  }
  if (!Array.isArray(manifest.keywords) || !BASE_KEYWORDS.every((word) => manifest.keywords.includes(word))) {
    if (fix) manifest.keywords = want.keywords;
    else problems.push(`${dir}: "keywords" lacks some of ${BASE_KEYWORDS.join(', ')}`);
  }
  for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) {
    if (name.startsWith('@ohlcv/') && range === 'workspace:^') {
      problems.push(
        `${dir}: peer dependency ${name} is "workspace:^" — a 0.x minor of ${name} would bump this package to 1.0.0; use "workspace:>=0.1.0 <1.0.0"`,
      );
    }
  }
  if (fix) writeFileSync(path, `${JSON.stringify(ordered(manifest), null, 2)}\n`);
}
if (problems.length > 0) {
  console.error(
    `package metadata: ${problems.length} problem(s)\n  ${problems.join('\n  ')}\n(run: node scripts/package-metadata.mjs --fix)`,
  );
  process.exit(1);
}
console.log('package metadata: every publishable package has LICENSE, repository, homepage, bugs, keywords');
