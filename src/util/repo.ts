/** The repository a run belongs to: SARIF and GitHub annotation paths are relative to its root. */
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The nearest directory at or above `dir` holding `.git` (a directory, or the
 * file of a worktree or submodule), or `null` outside any repository.
 */
export function findRepoRoot(dir: string): string | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return null;
  }
}
