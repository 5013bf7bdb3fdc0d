/**
 * The whole run's temporary directory: every test process (and every program
 * a test starts that inherits its environment) gets TMPDIR set to one fresh
 * directory, so test/leftovers.test.ts, run last, sees exactly what the
 * suite left behind, whatever else runs on the machine. Removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The variable naming the run's temporary directory. */
export const SUITE_TMPDIR = 'SAASGOV_SUITE_TMPDIR';

export default function setup(): (() => void) | undefined {
  // Each vitest project runs this too: the first call makes the directory, the others keep it.
  if (process.env[SUITE_TMPDIR]) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'vitest-saasgov-'));
  process.env[SUITE_TMPDIR] = dir;
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
