/** Temporary trees of files for tests (the CLI itself runs through `cli` in ./cli/run). */
import { mkdtempSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

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
