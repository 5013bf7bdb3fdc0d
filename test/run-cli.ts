/**
 * Temporary trees of files for tests (the CLI itself runs through `cli` in
 * ./cli/run). Every tree is removed when its test file ends (test/setup.ts),
 * so the suite leaves nothing behind (checked by test/leftovers.test.ts).
 */
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Trees made by this test file, removed when it ends. */
const made: string[] = [];

/** A fresh temporary directory (real path) with `files` written into it; removed when the test file ends. */
export function tempTree(files: Record<string, string> = {}, prefix = 'saasgov-test-'): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  made.push(dir);
  writeTree(dir, files);
  return dir;
}

/** Removes every tree made so far (test/setup.ts calls it after each test file). */
export function removeTempTrees(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `files` (relative paths → text) under `dir`. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}
