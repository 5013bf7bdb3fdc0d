/**
 * The lint cache (`--cache`, like ESLint's): per file, the outcome of linting
 * it, valid while the file's content, the configuration, the as-of date, the
 * working directory and saasgov's version are unchanged. A file is looked up
 * by its size and modification time first (no read), then by a hash of its
 * content.
 *
 * The cache file is a journal: a header line with the key, then one JSON line
 * per file; a run appends the lines of the files it linted (later lines win)
 * and rewrites the whole file (atomically) only when the journal has grown to
 * twice the entries it holds. A cache that cannot be read is ignored, and a
 * line cut short by a killed run is skipped: a killed run or two concurrent
 * runs never break a later one.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
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

/** A hash of file content (the cache key of a file). */
export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('hex');
}

const FORMAT = 'saasgov-cache/2';

export class LintCache {
  /** Entries to write: new or changed since the file was read. */
  private readonly updated = new Map<string, Entry>();
  /** Files looked up in this run. */
  private readonly seen = new Set<string>();

  private constructor(
    private readonly file: string,
    private readonly key: string,
    private readonly entries: Map<string, Entry>,
    private readonly strategy: CacheStrategy,
    /** Lines in the file now (0: no usable file, write it anew). */
    private readonly lines: number,
  ) {}

  /** Opens the cache at `file` for runs with this `key`; an unreadable or foreign cache starts empty. */
  static open(file: string, key: string, strategy: CacheStrategy): LintCache {
    const entries = new Map<string, Entry>();
    let lines = 0;
    try {
      // The file is ASCII (see `asciiJson`): read as Latin-1, it decodes to compact one-byte strings, fast.
      const text = readFileSync(file, 'latin1');
      const rows = text.split('\n');
      const header = JSON.parse(rows[0]!) as { format?: string; key?: string };
      if (header.format === FORMAT && header.key === key) {
        lines = 1;
        for (let i = 1; i < rows.length; i++) {
          if (rows[i] === '') continue;
          lines++;
          try {
            const row = JSON.parse(rows[i]!) as Entry & { file: string };
            entries.set(row.file, { size: row.size, mtimeMs: row.mtimeMs, hash: row.hash, outcome: row.outcome });
          } catch {
            // a line cut short by a killed run: that file is linted again
          }
        }
      }
    } catch {
      // no cache yet, or a damaged or foreign one: start empty
    }
    return new LintCache(file, key, entries, strategy, lines);
  }

  /** The cached outcome of `filePath` if the file is unchanged, else `undefined`. */
  get(filePath: string): FileOutcome | undefined {
    this.seen.add(filePath);
    const entry = this.entries.get(filePath);
    if (!entry) return undefined;
    let stat;
    try {
      stat = statSync(filePath);
    } catch {
      return undefined;
    }
    if (this.strategy === 'metadata' && stat.size === entry.size && stat.mtimeMs === entry.mtimeMs) return entry.outcome;
    if (stat.size !== entry.size) return undefined;
    let hash: string;
    try {
      hash = contentHash(readFileSync(filePath));
    } catch {
      return undefined;
    }
    if (hash !== entry.hash) return undefined;
    if (stat.mtimeMs !== entry.mtimeMs) this.updated.set(filePath, { ...entry, mtimeMs: stat.mtimeMs });
    return entry.outcome;
  }

  /** Records the outcome of linting `filePath`, whose content hashed to `hash`. */
  set(filePath: string, hash: string | undefined, outcome: FileOutcome): void {
    this.seen.add(filePath);
    if (hash === undefined) return; // the file could not be read: nothing to key it by
    try {
      const stat = statSync(filePath);
      this.updated.set(filePath, { size: stat.size, mtimeMs: stat.mtimeMs, hash, outcome });
    } catch {
      // the file went away during the run: do not cache it
    }
  }

  /** Writes what changed: appended to the journal, or the whole cache anew when the journal is long or unusable. */
  save(): void {
    if (this.updated.size === 0 && this.lines > 0) return;
    const line = (file: string, e: Entry) => `${asciiJson({ file, size: e.size, mtimeMs: e.mtimeMs, hash: e.hash, outcome: e.outcome })}\n`;
    const live = new Map(this.entries);
    for (const [file, entry] of this.updated) live.set(file, entry);
    if (this.lines > 0 && this.lines + this.updated.size <= 2 * live.size + 1) {
      try {
        appendFileSync(this.file, [...this.updated].map(([f, e]) => line(f, e)).join(''));
        return;
      } catch {
        // fall through: write it anew
      }
    }
    // Anew: the live entries of files that still exist (those of this run, and earlier ones not deleted since).
    const parts = [`${asciiJson({ format: FORMAT, key: this.key })}\n`];
    for (const file of [...live.keys()].sort()) {
      if (!this.seen.has(file)) {
        try {
          statSync(file);
        } catch {
          continue; // deleted since: prune
        }
      }
      parts.push(line(file, live.get(file)!));
    }
    writeFileAtomic(this.file, parts.join(''));
  }
}

/** JSON with every character outside ASCII written as a `\uXXXX` escape. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
