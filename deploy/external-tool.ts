import { spawnSync } from 'node:child_process';

/**
 * Whether an external program can be run. Under CI=true a missing one is a failure (CI installs it);
 * elsewhere the check that needs it is not run and the reason is printed once.
 */
export function externalTool(command: string, installHint: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
  if (found) return true;
  const message = `${command} not found: ${installHint}`;
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true: required)`);
  console.warn(`[deploy] NOT RUN — ${message}`);
  return false;
}
