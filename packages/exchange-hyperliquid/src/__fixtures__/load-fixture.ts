import { readFileSync } from 'node:fs';

/** Text of a fixture file beside this one. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/** Frames of an `.ndjson` fixture, one per line, exactly as received. */
export function fixtureFrames(name: string): string[] {
  return fixtureText(name)
    .split('\n')
    .filter((line) => line.trim().length > 0);
}
