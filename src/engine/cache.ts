/**
 * The lint cache (`--cache`, like ESLint's): per file, what a later run needs
 * of it, valid while the file's content, the configuration, the as-of date,
 * the working directory and saasgov's version are unchanged: its counts, its
 * name claims (for cross-file rules), and either its output as the chosen
 * format renders it (a later run writes that text as it is) or its whole
 * outcome. A file is looked up by its size and modification time first (no
 * read), then by a hash of its content.
 *
 * The cache file is a journal: a header line with the key, then segments. A
 * segment is an index line — one JSON value: the render keys of its texts and,
 * per file, its path, size, modification time, content hash and the lengths
 * of what follows — then, per file, what is kept of it (a JSON line, decoded
 * only when the file is emitted) and the bytes of each text, each followed by
 * a line break, as they are written out (a later run copies them without
 * decoding them). Opening the cache decodes one index line per segment, in
 * one call. A run appends a segment with the files it linted (later entries
 * win) and rewrites the whole file (atomically, copying what it keeps byte for
 * byte) only when the journal holds more than twice the files it keeps. A
 * cache that cannot be read is ignored, and a segment cut short by a killed
 * run ends the reading: a killed run or two concurrent runs never break a
 * later one.
 */
import { appendFileSync, closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { digest } from '../util/hash';
import { writeFileAtomic } from '../util/write';
import type { FileOutcome } from './lint-file';
import type { ResultCounts } from './results';
import type { ProjectDocument } from './rule';

/** What the cache keeps of a linted file. */
export interface CachedFile {
  readonly counts: ResultCounts;
  /** The file's name claims, for cross-file rules. */
  readonly claims: readonly ProjectDocument[];
  /** The file's output (UTF-8), by render key (format and its options), when cross-file rules found nothing in it. */
  readonly fragments: Readonly<Record<string, Uint8Array>>;
  /** The whole outcome, kept when no fragment could be. */
  readonly outcome?: FileOutcome;
}

/** A file found unchanged: load it with `LintCache.load` (its position in the cache file read). */
export type CacheHit = number & { readonly __cacheHit: never };

/** How a changed file is recognised: `metadata` (size and mtime, then content) or `content` (always hash). */
export type CacheStrategy = 'metadata' | 'content';

/**
 * A file in a segment's index: its path, size, modification time, content
 * hash, the length of its kept JSON and, per text, the index of its render
 * key and its length in bytes (arrays: the fastest to decode).
 */
type IndexEntry = [path: string, size: number, mtimeMs: number, hash: string, kept: number, texts: number[]];

/** A segment's index line. */
interface SegmentIndex {
  readonly keys: string[];
  readonly files: IndexEntry[];
}

/** A file to write: linted in this run, or one read from the cache file with a new time or a new text. */
interface Fresh {
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
  readonly kept: CachedFile | CacheHit;
}

/** A hash of file content (the cache key of a file). */
export function contentHash(bytes: Uint8Array | string): string {
  return digest('sha1', bytes);
}

const FORMAT = 'saasgov-cache/7';

export class LintCache {
  /** Files of the cache file read, in its order (an earlier entry of a path stays, superseded). */
  private readonly stored: IndexEntry[] = [];
  /** Where each stored file's kept JSON starts in the cache file. */
  private readonly offsets: number[] = [];
  /** The latest stored entry of each path. */
  private readonly byPath = new Map<string, number>();
  /** Render keys, global: stored entries' key indices are rewritten to these. */
  private readonly keys: string[] = [];
  /** Stored entries looked up in this run (the others are checked for deleted files when the cache is rewritten). */
  private looked: Uint8Array = new Uint8Array(0);
  /** Files to write: new or changed since the file was read. */
  private readonly fresh = new Map<string, Fresh>();

  private constructor(
    private readonly file: string,
    private readonly key: string,
    private readonly strategy: CacheStrategy,
    /** The run's files: the other methods name a file by its position here. */
    private readonly files: readonly string[],
    /** Each file's size and modification time (NaN: it could not be statted). */
    private readonly meta: Float64Array,
    /** The cache file as it was opened (kept data and texts are read from it when needed); null: none usable. */
    private reader: RangeReader | null,
  ) {}

  /**
   * Opens the cache at `file` for a run over `files` with this `key`; an
   * unreadable or foreign cache starts empty. Every file is statted first,
   * before any is read, so a file that changes during the run is seen as
   * changed by the next one.
   */
  static open(file: string, key: string, strategy: CacheStrategy, files: readonly string[]): LintCache {
    const meta = new Float64Array(2 * files.length).fill(Number.NaN);
    for (let i = 0; i < files.length; i++) {
      const stat = statOrNull(files[i]!);
      if (stat) {
        meta[2 * i] = stat.size;
        meta[2 * i + 1] = stat.mtimeMs;
      }
    }
    let reader: RangeReader;
    try {
      reader = new RangeReader(file);
    } catch {
      return new LintCache(file, key, strategy, files, meta, null); // no cache yet
    }
    const cache = new LintCache(file, key, strategy, files, meta, reader);
    try {
      cache.read(reader);
    } catch {
      // a damaged or foreign cache: keep what could be read
    }
    if (cache.stored.length === 0) {
      reader.close();
      cache.reader = null;
    }
    cache.looked = new Uint8Array(cache.stored.length);
    return cache;
  }

  /** Reads the segments' indexes; stops at the first one that is not whole. */
  private read(r: RangeReader): void {
    // Index lines are ASCII (see `asciiJson`): decoded as Latin-1, they become compact one-byte strings, fast.
    let at = r.indexOf(NEWLINE, 0);
    const header = JSON.parse(r.latin1(0, at)) as { format?: string; key?: string };
    if (header.format !== FORMAT || header.key !== this.key) return;
    const keyIndex = new Map<string, number>();
    for (at++; at < r.size; ) {
      const end = r.indexOf(NEWLINE, at);
      if (end === -1) return; // cut short by a killed run: what follows cannot be trusted
      const index = JSON.parse(r.latin1(at, end)) as SegmentIndex;
      const global = index.keys.map((k) => {
        if (typeof k !== 'string') throw new Error('damaged');
        let i = keyIndex.get(k);
        if (i === undefined) keyIndex.set(k, (i = this.keys.push(k) - 1));
        return i;
      });
      // Where each file's data starts; the segment is taken only if all of it is there.
      const first = this.stored.length;
      let data = end + 1;
      const files = index.files;
      for (let i = 0; i < files.length; i++) {
        const entry = files[i]!;
        const texts = entry[5];
        if (typeof entry[0] !== 'string' || typeof entry[4] !== 'number' || !Array.isArray(texts)) throw new Error('damaged');
        this.offsets.push(data);
        data += entry[4] + 1;
        for (let t = 0; t < texts.length; t += 2) {
          texts[t] = global[texts[t]!]!;
          data += texts[t + 1]! + 1;
        }
        this.stored.push(entry);
      }
      if (data > r.size || !Number.isFinite(data)) {
        this.stored.length = this.offsets.length = first;
        return;
      }
      for (let i = first; i < this.stored.length; i++) this.byPath.set(this.stored[i]![0], i);
      at = data;
    }
  }

  /** The cache's entry for file `f` of the run if the file is unchanged, else `undefined`. */
  get(f: number): CacheHit | undefined {
    const filePath = this.files[f]!;
    const i = this.byPath.get(filePath);
    if (i === undefined) return undefined;
    this.looked[i] = 1;
    const entry = this.stored[i]!;
    const size = this.meta[2 * f]!;
    const mtimeMs = this.meta[2 * f + 1]!;
    if (size !== entry[1]) return undefined;
    if (this.strategy === 'metadata' && mtimeMs === entry[2]) return i as CacheHit;
    let hash: string;
    try {
      hash = contentHash(readFileSync(filePath));
    } catch {
      return undefined;
    }
    if (hash !== entry[3]) return undefined;
    if (mtimeMs !== entry[2]) this.fresh.set(filePath, { size, mtimeMs, hash, kept: i as CacheHit });
    return i as CacheHit;
  }

  /**
   * What the cache keeps of a file found unchanged (`undefined`: its record
   * is damaged). Its texts are valid only until the next read from the cache:
   * use them at once.
   */
  load(hit: CacheHit): CachedFile | undefined {
    const entry = this.stored[hit]!;
    const r = this.reader!;
    const start = this.offsets[hit]!;
    try {
      const texts = entry[5];
      let end = start + entry[4];
      for (let t = 1; t < texts.length; t += 2) end += texts[t]! + 1;
      // The whole record at once, so its texts come from one read.
      r.cover(start, end + 1);
      if (r.byteAt(start + entry[4]) !== NEWLINE) return undefined;
      const file = JSON.parse(r.latin1(start, start + entry[4])) as { -readonly [K in keyof CachedFile]: CachedFile[K] };
      const fragments: Record<string, Uint8Array> = {};
      for (let t = 0, at = start + entry[4] + 1; t < texts.length; t += 2) {
        const to = at + texts[t + 1]!;
        if (r.byteAt(to) !== NEWLINE) return undefined;
        fragments[this.keys[texts[t]!]!] = r.bytes(at, to);
        at = to + 1;
      }
      file.fragments = fragments;
      return file;
    } catch {
      return undefined;
    }
  }

  /** Records what to keep of file `f` of the run, whose content hashed to `hash`. */
  set(f: number, hash: string | undefined, file: CachedFile): void {
    const size = this.meta[2 * f]!;
    // A file that could not be read or statted: nothing to key it by.
    if (hash === undefined || Number.isNaN(size)) return;
    this.fresh.set(this.files[f]!, { size, mtimeMs: this.meta[2 * f + 1]!, hash, kept: file });
  }

  /** Adds a rendered fragment (UTF-8) to what is kept of file `f` of the run, unchanged (a format not cached for it yet). */
  addFragment(f: number, key: string, fragment: Uint8Array): void {
    const filePath = this.files[f]!;
    const entry = this.fresh.get(filePath) ?? this.storedEntry(filePath);
    const kept = entry && this.keptOf(entry, true);
    if (!entry || !kept) return;
    this.fresh.set(filePath, { ...entry, kept: { ...kept, fragments: { ...kept.fragments, [key]: fragment } } });
  }

  private storedEntry(filePath: string): Fresh | undefined {
    const i = this.byPath.get(filePath);
    if (i === undefined) return undefined;
    const e = this.stored[i]!;
    return { size: e[1], mtimeMs: e[2], hash: e[3], kept: i as CacheHit };
  }

  /** What is kept of an entry, decoded (texts copied with `copy`). */
  private keptOf(entry: Fresh, copy: boolean): CachedFile | undefined {
    if (typeof entry.kept !== 'number') return entry.kept;
    const kept = this.load(entry.kept);
    if (!kept || !copy) return kept;
    const fragments: Record<string, Uint8Array> = {};
    for (const [name, bytes] of Object.entries(kept.fragments)) fragments[name] = Buffer.from(bytes);
    return { ...kept, fragments };
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

  /** Writes what changed: a segment appended to the journal, or the whole cache anew when the journal is long or unusable. */
  private write(): void {
    if (this.fresh.size === 0 && this.reader) return;
    let live = this.byPath.size;
    for (const path of this.fresh.keys()) if (!this.byPath.has(path)) live++;
    if (this.reader && this.stored.length + this.fresh.size <= 2 * live + 1) {
      try {
        appendFileSync(this.file, this.segment([...this.fresh]));
        return;
      } catch {
        // fall through: write it anew
      }
    }
    // Anew: the files of this run, and earlier ones not deleted since.
    const files = new Map<string, Fresh>();
    for (const [path, i] of this.byPath) {
      if (this.fresh.has(path) || (this.looked[i] !== 1 && !statOrNull(path))) continue;
      files.set(path, this.storedEntry(path)!);
    }
    for (const [path, entry] of this.fresh) files.set(path, entry);
    const header = Buffer.from(`${asciiJson({ format: FORMAT, key: this.key })}\n`, 'latin1');
    const segment = this.segment([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    this.close(); // all read: no handle on the file it replaces
    writeFileAtomic(this.file, Buffer.concat([header, segment]));
  }

  /** A segment with `files`: its index line, then each file's kept JSON and texts. */
  private segment(files: readonly (readonly [string, Fresh])[]): Buffer {
    const keys: string[] = [];
    const keyIndex = new Map<string, number>();
    const indexOfKey = (k: string) => {
      let i = keyIndex.get(k);
      if (i === undefined) keyIndex.set(k, (i = keys.push(k) - 1));
      return i;
    };
    const index: IndexEntry[] = [];
    const data: Uint8Array[] = [];
    for (const [path, entry] of files) {
      let kept: Uint8Array;
      const texts: number[] = [];
      const parts: Uint8Array[] = [];
      if (typeof entry.kept === 'number') {
        // Read from the cache file: copied byte for byte.
        const e = this.stored[entry.kept]!;
        const start = this.offsets[entry.kept]!;
        const r = this.reader!;
        kept = Buffer.from(r.bytes(start, start + e[4]));
        for (let t = 0, at = start + e[4] + 1; t < e[5].length; t += 2) {
          const length = e[5][t + 1]!;
          texts.push(indexOfKey(this.keys[e[5][t]!]!), length);
          parts.push(Buffer.from(r.bytes(at, at + length)));
          at += length + 1;
        }
      } else {
        const { fragments, ...rest } = entry.kept;
        kept = Buffer.from(asciiJson(rest), 'latin1');
        for (const [name, bytes] of Object.entries(fragments)) {
          texts.push(indexOfKey(name), bytes.length);
          parts.push(bytes);
        }
      }
      index.push([path, entry.size, entry.mtimeMs, entry.hash, kept.length, texts]);
      data.push(kept, NEWLINE_BYTES);
      for (const part of parts) data.push(part, NEWLINE_BYTES);
    }
    const line = Buffer.from(`${asciiJson({ keys, files: index } satisfies SegmentIndex)}\n`, 'latin1');
    return Buffer.concat([line, ...data]);
  }
}

function statOrNull(file: string) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

const NEWLINE = 0x0a;
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
