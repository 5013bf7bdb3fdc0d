/**
 * The lint cache (`--cache`, like ESLint's): per file, the outcome of linting
 * it, valid while the file's content, the configuration, the as-of date, the
 * working directory and saasgov's version are unchanged. A file is looked up
 * by its size and modification time first (no read), then by a hash of its
 * content. The cache file is written atomically, and a cache that cannot be
 * read is ignored: a killed run or two concurrent runs never break a later one.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../util/write';
import type { FileOutcome } from './lint-file';

/** How a changed file is recognised: `metadata` (size and mtime, then content) or `content` (always hash). */
export type CacheStrategy = 'metadata' | 'content';

interface Entry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
  readonly outcome: FileOutcome;
}

interface CacheFile {
  readonly key: string;
  readonly entries: Record<string, Entry>;
}

/** A hash of file content (the cache key of a file). */
export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export class LintCache {
  private readonly entries: Map<string, Entry>;
  private readonly updated = new Map<string, Entry>();

  private constructor(
    private readonly file: string,
    private readonly key: string,
    entries: Map<string, Entry>,
    private readonly strategy: CacheStrategy,
  ) {
    this.entries = entries;
  }

  /** Opens the cache at `file` for runs with this `key`; an unreadable or foreign cache starts empty. */
  static open(file: string, key: string, strategy: CacheStrategy): LintCache {
    let entries = new Map<string, Entry>();
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data && data.key === key && typeof data.entries === 'object') entries = new Map(Object.entries(data.entries));
    } catch {
      // no cache yet, or a damaged one: start empty
    }
    return new LintCache(file, key, entries, strategy);
  }

  /** The cached outcome of `filePath` if the file is unchanged, else `undefined`. */
  get(filePath: string): FileOutcome | undefined {
    const entry = this.entries.get(filePath);
    if (!entry) return undefined;
    let stat;
    try {
      stat = statSync(filePath);
    } catch {
      return undefined;
    }
    if (this.strategy === 'metadata' && stat.size === entry.size && stat.mtimeMs === entry.mtimeMs) {
      this.updated.set(filePath, entry);
      return entry.outcome;
    }
    if (stat.size !== entry.size) return undefined;
    let hash: string;
    try {
      hash = contentHash(readFileSync(filePath));
    } catch {
      return undefined;
    }
    if (hash !== entry.hash) return undefined;
    this.updated.set(filePath, { ...entry, mtimeMs: stat.mtimeMs });
    return entry.outcome;
  }

  /** Records the outcome of linting `filePath`, whose content hashed to `hash`. */
  set(filePath: string, hash: string | undefined, outcome: FileOutcome): void {
    if (hash === undefined) return; // the file could not be read: nothing to key it by
    try {
      const stat = statSync(filePath);
      this.updated.set(filePath, { size: stat.size, mtimeMs: stat.mtimeMs, hash, outcome });
    } catch {
      // the file went away during the run: do not cache it
    }
  }

  /** Writes the cache: this run's entries plus earlier entries of files that still exist. */
  save(): void {
    const entries: Record<string, Entry> = {};
    for (const [file, entry] of this.entries) {
      if (this.updated.has(file)) continue;
      try {
        statSync(file);
        entries[file] = entry;
      } catch {
        // deleted since: prune
      }
    }
    for (const [file, entry] of this.updated) entries[file] = entry;
    const sorted = Object.fromEntries(Object.keys(entries).sort().map((k) => [k, entries[k]!]));
    writeFileAtomic(this.file, JSON.stringify({ key: this.key, entries: sorted } satisfies CacheFile));
  }
}
