import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Text of a fixture file beside this one. */
export function fixtureText(name: string): string {
  return readFileSync(fileURLToPath(new URL(name, import.meta.url)), 'utf8');
}

/** Frames of an `.ndjson` fixture, one per line. */
export function fixtureFrames(name: string): string[] {
  return fixtureText(name)
    .split('\n')
    .filter((line) => line.trim().length > 0);
}
