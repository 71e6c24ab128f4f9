import { readFileSync } from 'node:fs';

/** Text of a fixture beside this file. */
export function readFixture(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/** Frames of an `.ndjson` fixture, one per line. */
export function readFrames(name: string): string[] {
  return readFixture(name)
    .split('\n')
    .filter((line) => line.length > 0);
}
