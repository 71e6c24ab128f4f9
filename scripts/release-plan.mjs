#!/usr/bin/env node
// Fails when the pending changesets would release a package at a major version: a 0.x minor of
// core must not drag every adapter to 1.0.0 through its peer dependency. Also fails on a changeset
// that `changeset status` cannot read. Part of `pnpm lint` and `pnpm test`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'release-plan-'));
const out = join(dir, 'status.json');
try {
  execFileSync('pnpm', ['exec', 'changeset', 'status', `--output=${out}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const plan = JSON.parse(readFileSync(out, 'utf8'));
  const majors = plan.releases.filter((release) => release.type === 'major');
  if (majors.length > 0) {
    console.error(
      `release plan: ${majors.map((r) => `${r.name} ${r.oldVersion} → ${r.newVersion}`).join(', ')} at major; ` +
        'widen the peer range or mark the change as major in a changeset on purpose',
    );
    process.exit(1);
  }
  console.log(`release plan: ${plan.releases.length} package(s), none at major`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
