/** Runs the CLI in-process, as a user would from `cwd`, capturing its output and exit status. */
import { mkdtempSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXIT, type CliIO } from '../src/cli/common';
import { run } from '../src/cli/main';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY: false,
    env: options.env ?? {},
    cwd: options.cwd,
    exitCode: EXIT.ok,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

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
