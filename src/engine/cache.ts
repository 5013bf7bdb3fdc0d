/**
 * The lint cache (`--cache`, like ESLint's): per file, what a later run needs
 * of it, valid while the file's content, the configuration, the as-of date,
 * the working directory and saasgov's version are unchanged: its counts, its
 * name claims (for cross-file rules), and either its output as the chosen
 * format renders it (a later run writes that text as it is) or its whole
 * outcome. A file is looked up by its size and modification time first (no
 * read), then by a hash of its content.
 *
 * The cache file is a journal: a header line with the key, then one record per
 * file — a line of two JSON values separated by a tab (what finds the file and
 * its texts; what is kept of it, decoded only when the file is looked up),
 * followed by the bytes of each text it keeps, as they are written out (so a
 * later run copies them without decoding them); a run
 * appends the records of the files it linted (later records win) and rewrites
 * the whole file (atomically) only when the journal has grown to twice the
 * entries it holds. A cache that cannot be read is ignored, and a record cut
 * short by a killed run ends the reading: a killed run or two concurrent runs
 * never break a later one.
 */
import { hash } from 'node:crypto';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../util/write';
import type { FileOutcome } from './lint-file';
import type { ProjectDocument } from './rule';

/** A file's counts, for totals and summaries without its findings. */
export interface ResultCounts {
  readonly errorCount: number;
  readonly warningCount: number;
  readonly suppressedCount: number;
}

/** What the cache keeps of a linted file. */
export interface CachedFile {
  readonly counts: ResultCounts;
  /** `metadata.name` of each document, by index (for findings of cross-file rules). */
  readonly apps: readonly (string | null)[];
  /** The file's name claims, for cross-file rules. */
  readonly claims: readonly ProjectDocument[];
  /** The file's output (UTF-8), by render key (format and its options), when cross-file rules found nothing in it. */
  readonly fragments: Readonly<Record<string, Uint8Array>>;
  /** The whole outcome, kept when no fragment could be. */
  readonly outcome?: FileOutcome;
}

/** A file found unchanged: what the cache keeps of it, decoded when called (`undefined`: its record is damaged). */
export type CacheHit = () => CachedFile | undefined;

/** How a changed file is recognised: `metadata` (size and mtime, then content) or `content` (always hash). */
export type CacheStrategy = 'metadata' | 'content';

interface Entry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
  readonly fragments: Readonly<Record<string, Uint8Array>>;
  /** The rest of the file's record: as read (JSON, decoded on lookup) or as linted. */
  readonly kept: string | Omit<CachedFile, 'fragments'>;
}

/** The first JSON value of a record line. */
interface RecordHead {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
  /** Each text's render key and length in bytes, in the order the texts follow the line. */
  readonly fragments: [string, number][];
}

/** A hash of file content (the cache key of a file). */
export function contentHash(bytes: Uint8Array | string): string {
  return hash('sha1', bytes);
}

const FORMAT = 'saasgov-cache/5';

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
      const bytes = readFileSync(file);
      let at = bytes.indexOf(NEWLINE);
      // JSON lines are ASCII (see `asciiJson`): decoded as Latin-1, they become compact one-byte strings, fast.
      const header = JSON.parse(bytes.toString('latin1', 0, at)) as { format?: string; key?: string };
      if (header.format === FORMAT && header.key === key) {
        lines = 1;
        for (at++; at < bytes.length; ) {
          const end = bytes.indexOf(NEWLINE, at);
          const tab = bytes.indexOf(TAB, at);
          if (end === -1 || tab === -1 || tab > end) break;
          let head: RecordHead;
          try {
            head = JSON.parse(bytes.toString('latin1', at, tab)) as RecordHead;
          } catch {
            break; // a record cut short by a killed run: what follows cannot be trusted
          }
          const kept = bytes.toString('latin1', tab + 1, end);
          at = end + 1;
          const fragments: Record<string, Uint8Array> = {};
          for (const [name, length] of head.fragments) {
            if (at + length >= bytes.length || bytes[at + length] !== NEWLINE) throw new Error('cut short');
            fragments[name] = bytes.subarray(at, at + length);
            at += length + 1;
          }
          lines++;
          entries.set(head.path, { size: head.size, mtimeMs: head.mtimeMs, hash: head.hash, fragments, kept });
        }
      }
    } catch {
      // no cache yet, or a damaged or foreign one: start with what could be read
    }
    return new LintCache(file, key, entries, strategy, lines);
  }

  /** What the cache keeps of `filePath` if the file is unchanged, else `undefined`. */
  get(filePath: string): CacheHit | undefined {
    this.seen.add(filePath);
    const entry = this.entries.get(filePath);
    if (!entry) return undefined;
    let stat;
    try {
      stat = statSync(filePath);
    } catch {
      return undefined;
    }
    if (this.strategy === 'metadata' && stat.size === entry.size && stat.mtimeMs === entry.mtimeMs) return () => cachedFile(entry);
    if (stat.size !== entry.size) return undefined;
    let hash: string;
    try {
      hash = contentHash(readFileSync(filePath));
    } catch {
      return undefined;
    }
    if (hash !== entry.hash) return undefined;
    if (stat.mtimeMs !== entry.mtimeMs) this.updated.set(filePath, { ...entry, mtimeMs: stat.mtimeMs });
    return () => cachedFile(entry);
  }

  /** Records what to keep of `filePath`, whose content hashed to `hash`. */
  set(filePath: string, hash: string | undefined, file: CachedFile): void {
    this.seen.add(filePath);
    if (hash === undefined) return; // the file could not be read: nothing to key it by
    try {
      const stat = statSync(filePath);
      const { fragments, ...kept } = file;
      this.updated.set(filePath, { size: stat.size, mtimeMs: stat.mtimeMs, hash, fragments, kept });
    } catch {
      // the file went away during the run: do not cache it
    }
  }

  /** Adds a rendered fragment (UTF-8) to the entry of an unchanged file (a format not cached for it yet). */
  addFragment(filePath: string, key: string, fragment: Uint8Array): void {
    const entry = this.updated.get(filePath) ?? this.entries.get(filePath);
    if (!entry) return;
    this.updated.set(filePath, { ...entry, fragments: { ...entry.fragments, [key]: fragment } });
  }

  /** The content hash recorded for `filePath`. */
  hashOf(filePath: string): string | undefined {
    return (this.updated.get(filePath) ?? this.entries.get(filePath))?.hash;
  }

  /** Writes what changed: appended to the journal, or the whole cache anew when the journal is long or unusable. */
  save(): void {
    if (this.updated.size === 0 && this.lines > 0) return;
    const record = (file: string, e: Entry): Uint8Array[] => {
      const fragments = Object.entries(e.fragments);
      const head: RecordHead = { path: file, size: e.size, mtimeMs: e.mtimeMs, hash: e.hash, fragments: fragments.map(([name, bytes]) => [name, bytes.length]) };
      const kept = typeof e.kept === 'string' ? e.kept : asciiJson(e.kept);
      return [Buffer.from(`${asciiJson(head)}\t${kept}\n`, 'latin1'), ...fragments.flatMap(([, bytes]) => [bytes, NEWLINE_BYTES])];
    };
    const live = new Map(this.entries);
    for (const [file, entry] of this.updated) live.set(file, entry);
    if (this.lines > 0 && this.lines + this.updated.size <= 2 * live.size + 1) {
      try {
        appendFileSync(this.file, Buffer.concat([...this.updated].flatMap(([f, e]) => record(f, e))));
        return;
      } catch {
        // fall through: write it anew
      }
    }
    // Anew: the live entries of files that still exist (those of this run, and earlier ones not deleted since).
    const parts: Uint8Array[] = [Buffer.from(`${asciiJson({ format: FORMAT, key: this.key })}\n`, 'latin1')];
    for (const file of [...live.keys()].sort()) {
      if (!this.seen.has(file)) {
        try {
          statSync(file);
        } catch {
          continue; // deleted since: prune
        }
      }
      parts.push(...record(file, live.get(file)!));
    }
    writeFileAtomic(this.file, Buffer.concat(parts));
  }
}

const NEWLINE = 0x0a;
const TAB = 0x09;
const NEWLINE_BYTES = Buffer.from('\n');

/** What the cache keeps of a file, decoded if it was read from the cache file (`undefined`: damaged). */
function cachedFile(entry: Entry): CachedFile | undefined {
  let kept = entry.kept;
  if (typeof kept === 'string') {
    try {
      kept = JSON.parse(kept) as Omit<CachedFile, 'fragments'>;
    } catch {
      return undefined;
    }
  }
  return { ...kept, fragments: entry.fragments };
}

/** JSON with every character outside ASCII written as a `\uXXXX` escape. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
