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
import { appendFileSync, closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
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
  /** What is kept of the file: where it is in the cache file read (decoded on lookup), or as linted in this run. */
  readonly kept: Stored | CachedFile;
}

/** Where a record's kept JSON and texts are in the cache file: [start, end) byte offsets. */
interface Stored {
  readonly json: readonly [number, number];
  readonly fragments: readonly (readonly [string, number, number])[];
}

/**
 * The first JSON value of a record line: the file's path, size, modification
 * time and content hash, and each text's render key and length in bytes, in
 * the order the texts follow the line (an array: the fastest to decode).
 */
type RecordHead = [path: string, size: number, mtimeMs: number, hash: string, fragments: [string, number][]];

/** A hash of file content (the cache key of a file). */
export function contentHash(bytes: Uint8Array | string): string {
  return hash('sha1', bytes);
}

const FORMAT = 'saasgov-cache/6';

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
    /** The cache file as it was opened (records are read from it when needed). */
    private readonly reader: RangeReader | null,
  ) {}

  /** Opens the cache at `file` for runs with this `key`; an unreadable or foreign cache starts empty. */
  static open(file: string, key: string, strategy: CacheStrategy): LintCache {
    const entries = new Map<string, Entry>();
    let lines = 0;
    let reader: RangeReader | null = null;
    try {
      reader = new RangeReader(file);
      const r = reader;
      // JSON lines are ASCII (see `asciiJson`): decoded as Latin-1, they become compact one-byte strings, fast.
      let at = r.indexOf(NEWLINE, 0);
      const header = JSON.parse(r.latin1(0, at)) as { format?: string; key?: string };
      if (header.format === FORMAT && header.key === key) {
        lines = 1;
        for (at++; at < r.size; ) {
          const tab = r.indexOf(TAB, at);
          const end = tab === -1 ? -1 : r.indexOf(NEWLINE, tab);
          if (end === -1) break; // a record cut short by a killed run: what follows cannot be trusted
          const text = r.latin1(at, tab);
          if (text.includes('\n')) break; // the same: a line without its tab
          let head: RecordHead;
          try {
            head = JSON.parse(text) as RecordHead;
          } catch {
            break;
          }
          const json = [tab + 1, end] as const;
          at = end + 1;
          // Indexed, not destructured: this loop runs once per file, mostly before the JIT has compiled it.
          const lengths = head[4];
          const fragments: [string, number, number][] = [];
          for (let i = 0; i < lengths.length; i++) {
            const length = lengths[i]![1];
            if (at + length >= r.size || r.byteAt(at + length) !== NEWLINE) throw new Error('cut short');
            fragments.push([lengths[i]![0], at, at + length]);
            at += length + 1;
          }
          lines++;
          entries.set(head[0], { size: head[1], mtimeMs: head[2], hash: head[3], kept: { json, fragments } });
        }
      }
    } catch {
      // no cache yet, or a damaged or foreign one: start with what could be read
    }
    return new LintCache(file, key, entries, strategy, lines, reader);
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
    if (this.strategy === 'metadata' && stat.size === entry.size && stat.mtimeMs === entry.mtimeMs) return () => this.materialize(entry, false);
    if (stat.size !== entry.size) return undefined;
    let hash: string;
    try {
      hash = contentHash(readFileSync(filePath));
    } catch {
      return undefined;
    }
    if (hash !== entry.hash) return undefined;
    if (stat.mtimeMs !== entry.mtimeMs) this.updated.set(filePath, { ...entry, mtimeMs: stat.mtimeMs });
    return () => this.materialize(entry, false);
  }

  /** Records what to keep of `filePath`, whose content hashed to `hash`. */
  set(filePath: string, hash: string | undefined, file: CachedFile): void {
    this.seen.add(filePath);
    if (hash === undefined) return; // the file could not be read: nothing to key it by
    try {
      const stat = statSync(filePath);
      this.updated.set(filePath, { size: stat.size, mtimeMs: stat.mtimeMs, hash, kept: file });
    } catch {
      // the file went away during the run: do not cache it
    }
  }

  /** Adds a rendered fragment (UTF-8) to the entry of an unchanged file (a format not cached for it yet). */
  addFragment(filePath: string, key: string, fragment: Uint8Array): void {
    const entry = this.updated.get(filePath) ?? this.entries.get(filePath);
    const kept = entry && this.materialize(entry);
    if (!kept) return;
    this.updated.set(filePath, { ...entry, kept: { ...kept, fragments: { ...kept.fragments, [key]: fragment } } });
  }

  /**
   * What the cache keeps of a file, decoded if it was read from the cache
   * file (`undefined`: its record is damaged). Texts read from the cache file
   * are copied (`copy`), or valid only until the next read from it: use them
   * at once.
   */
  private materialize(entry: Entry, copy = true): CachedFile | undefined {
    if (!('json' in entry.kept)) return entry.kept;
    const { json, fragments } = entry.kept;
    const r = this.reader!;
    try {
      // The whole record at once, so its texts come from one read.
      r.cover(json[0], fragments.at(-1)?.[2] ?? json[1]);
      const file = JSON.parse(r.latin1(json[0], json[1])) as { -readonly [K in keyof CachedFile]: CachedFile[K] };
      const texts: Record<string, Uint8Array> = {};
      for (let i = 0; i < fragments.length; i++) {
        const [name, from, to] = fragments[i]!;
        texts[name] = copy ? Buffer.from(r.bytes(from, to)) : r.bytes(from, to);
      }
      file.fragments = texts;
      return file;
    } catch {
      return undefined;
    }
  }

  /** The content hash recorded for `filePath`. */
  hashOf(filePath: string): string | undefined {
    return (this.updated.get(filePath) ?? this.entries.get(filePath))?.hash;
  }

  /** Writes what changed, and closes the cache. */
  save(): void {
    try {
      this.write();
    } finally {
      this.close();
    }
  }

  /** Closes the cache file read (a run that ends without saving). */
  close(): void {
    this.reader?.close();
  }

  /** Writes what changed: appended to the journal, or the whole cache anew when the journal is long or unusable. */
  private write(): void {
    if (this.updated.size === 0 && this.lines > 0) return;
    const record = (file: string, e: Entry): Uint8Array[] => {
      const kept = this.materialize(e);
      if (!kept) return []; // damaged: dropped
      const { fragments, ...rest } = kept;
      const texts = Object.entries(fragments);
      const head: RecordHead = [file, e.size, e.mtimeMs, e.hash, texts.map(([name, bytes]) => [name, bytes.length])];
      return [Buffer.from(`${asciiJson(head)}\t${asciiJson(rest)}\n`, 'latin1'), ...texts.flatMap(([, bytes]) => [bytes, NEWLINE_BYTES])];
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
    this.close(); // all read: no handle on the file it replaces
    writeFileAtomic(this.file, Buffer.concat(parts));
  }
}

const NEWLINE = 0x0a;
const TAB = 0x09;
/** Bytes of the cache file read at a time. */
const WINDOW = 1 << 20;
const NEWLINE_BYTES = Buffer.from('\n');

/** Bytes of a file read through one reused window, as they are needed. */
class RangeReader {
  /** The file's size when it was opened. */
  readonly size: number;
  private fd: number;
  private window = Buffer.allocUnsafe(WINDOW);
  private start = 0;
  private end = 0;

  constructor(file: string) {
    this.fd = openSync(file, 'r');
    this.size = fstatSync(this.fd).size;
  }

  /** Bytes [from, to): valid until the next read. */
  bytes(from: number, to: number): Buffer {
    this.cover(from, to);
    return this.window.subarray(from - this.start, to - this.start);
  }

  /** Bytes [from, to) as Latin-1 text (the JSON lines are ASCII). */
  latin1(from: number, to: number): string {
    this.cover(from, to);
    return this.window.toString('latin1', from - this.start, to - this.start);
  }

  /** The byte at `at`. */
  byteAt(at: number): number {
    this.cover(at, at + 1);
    return this.window[at - this.start]!;
  }

  /** The offset of the first `byte` at or after `from`, or -1. */
  indexOf(byte: number, from: number): number {
    for (let at = from; at < this.size; at = this.end) {
      this.cover(at, at + 1);
      // Past `end` the window holds stale bytes: a match there does not count.
      const i = this.window.indexOf(byte, at - this.start);
      if (i !== -1 && i < this.end - this.start) return this.start + i;
    }
    return -1;
  }

  /** Reads the window anew from `from` on, unless it holds [from, to) already. */
  cover(from: number, to: number): void {
    if (from >= this.start && to <= this.end) return;
    if (to > this.size) throw new Error('cut short');
    if (to - from > this.window.length) this.window = Buffer.allocUnsafe(to - from);
    const want = Math.min(this.window.length, this.size - from);
    let got = 0;
    for (let n = -1; got < want && n !== 0; got += n) n = readSync(this.fd, this.window, got, want - got, from + got);
    this.start = from;
    this.end = from + got;
    if (to > this.end) throw new Error('cut short');
  }

  close(): void {
    if (this.fd !== -1) closeSync(this.fd);
    this.fd = -1;
  }
}

/** JSON with every character outside ASCII written as a `\uXXXX` escape. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
