/** Runs the CLI in-process, as a user would from `cwd`, capturing its output and exit status. */
import { mkdtempSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from './cli/run';

export type { CliRun } from './cli/run';

/** Runs the CLI in-process from `cwd` (see `cli`). */
export const runCli = (argv: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) => cli([...argv], options);

/** A fresh temporary directory (real path) with `files` written into it. */
export function tempTree(files: Record<string, string> = {}, prefix = 'saasgov-test-'): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  writeTree(dir, files);
  return dir;
}

/** Writes `files` (relative paths → text) under `dir`. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}
