/**
 * Writes output files without ever leaving a partial one: a regular file (or
 * a new one) is written to a temporary file in the same directory, then
 * renamed over it, so a reader (or a run killed half-way) never sees a
 * partial file. What a rename would destroy is written through instead: a
 * device, a FIFO or a socket (`-o /dev/null`, `-o /dev/stdout`, a named
 * pipe), and anything under /dev or /proc; a symbolic link is followed, so
 * its target gets the output and the link stays. A read-only file is an
 * error, not replaced. A run interrupted by a signal removes its temporary
 * file (util/cleanup); one killed outright leaves it, and the next write of
 * the same file removes the temporary files of processes that no longer exist.
 */
import { accessSync, closeSync, constants, fchmodSync, lstatSync, mkdirSync, openSync, readdirSync, readlinkSync, renameSync, rmSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { removeOnInterrupt } from './cleanup';
import { SaasgovError } from './errors';
import { randomHex } from './hash';

/** Writes `content` to `file` (see the top of this file); errors name the file as `shown`. */
export function writeFileAtomic(file: string, content: string | Uint8Array, shown = file): void {
  const writer = openAtomicWriter(file, shown);
  try {
    writer.write(content);
    writer.commit();
  } catch (error) {
    writer.abort();
    throw error;
  }
}

/**
 * A file written in pieces, atomically: nothing appears at `file` until
 * `commit` (written through, a device or FIFO gets each piece as it comes).
 */
export interface AtomicWriter {
  /** Text (written as UTF-8) or bytes. */
  write(chunk: string | Uint8Array): void;
  /** Closes the temporary file and renames it over `file` (closes what is written through). */
  commit(): void;
  /** Removes the temporary file (the run failed). */
  abort(): void;
}

/** `.<name>.<pid>.<random>.tmp`: the pid says whose it is, the random part keeps two writers in one process apart. */
const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** The temporary file a process writes `file` through. */
export function tempPathFor(file: string, pid = process.pid): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${pid}.${randomHex(6)}.tmp`);
}

/** Bytes gathered before a write. */
const WRITE_BLOCK = 1 << 16;

/** Pieces of output, gathered and handed on in blocks: one system call per piece is slow for many small ones. */
export interface BlockWriter {
  /** Text (written as UTF-8) or bytes; copied, so the caller may reuse its buffer at once. */
  write(chunk: string | Uint8Array): void;
  /** Hands on what is gathered. */
  flush(): void;
}

/**
 * Gathers pieces into one reused 64 KB block for `sink` (larger pieces go on
 * by themselves). The block handed to `sink` is valid only during the call.
 */
export function blockWriter(sink: (block: Uint8Array) => void): BlockWriter {
  const block = Buffer.allocUnsafe(WRITE_BLOCK);
  let size = 0;
  const flush = () => {
    if (size > 0) sink(block.subarray(0, size));
    size = 0;
  };
  return {
    write: (chunk) => {
      // Text is encoded straight into the block when it surely fits (at most 3 bytes per UTF-16 unit).
      if (typeof chunk === 'string' && chunk.length * 3 <= WRITE_BLOCK - size) {
        size += block.write(chunk, size);
        return;
      }
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (bytes.length > WRITE_BLOCK - size) flush();
      if (bytes.length >= WRITE_BLOCK) sink(bytes);
      else {
        block.set(bytes, size);
        size += bytes.length;
      }
    },
    flush,
  };
}

/** How an output path is written: replaced by a rename, or written through (what a rename would destroy). */
type Target =
  | { readonly kind: 'replace'; readonly path: string; readonly mode?: number }
  | { readonly kind: 'through'; readonly path: string };

/** Links followed before giving up (Linux's own limit, MAXSYMLINKS). */
const MAX_LINKS = 40;

/** Devices and the kernel's views of processes (`/dev/stdout` is a link into /proc): never replaced. */
const isSystemPath = (p: string) => /^\/(dev|proc)(\/|$)/.test(p);

/** Where and how `file` (absolute) is written. Throws `SaasgovError`, naming it `shown`, for a read-only file or a directory. */
function targetOf(file: string, shown: string): Target {
  let p = file;
  for (let links = 0; ; links++) {
    if (isSystemPath(p)) return { kind: 'through', path: p };
    let stats: Stats;
    try {
      stats = lstatSync(p);
    } catch {
      return { kind: 'replace', path: p }; // a new file (or a dangling link's target)
    }
    if (stats.isSymbolicLink()) {
      if (links === MAX_LINKS) throw new SaasgovError('OUTPUT', `cannot write ${shown}: too many levels of symbolic links`);
      p = path.resolve(path.dirname(p), readlinkSync(p));
      continue;
    }
    if (stats.isDirectory()) throw new SaasgovError('OUTPUT', `cannot write ${shown}: it is a directory`);
    if (!stats.isFile()) return { kind: 'through', path: p };
    // Root may write anything, so the mode bits say whether the file is meant to be read-only.
    if ((stats.mode & 0o222) === 0 || !writable(p)) {
      throw new SaasgovError('OUTPUT', `cannot write ${shown}: it is read-only (make it writable, e.g. chmod u+w, or choose another file)`);
    }
    return { kind: 'replace', path: p, mode: stats.mode & 0o7777 };
  }
}

function writable(p: string): boolean {
  try {
    accessSync(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens `file` for writing: atomically when it is a regular file or a new
 * one (creating its directory as ESLint does), else written through (see the
 * top of this file). A file that cannot be written is a `SaasgovError`
 * naming it as `shown` (as the user gave it; exit status 2).
 */
export function openAtomicWriter(file: string, shown = file): AtomicWriter {
  const attempt = <T>(step: () => T): T => {
    try {
      return step();
    } catch (error) {
      if (error instanceof SaasgovError) throw error;
      throw new SaasgovError('OUTPUT', `cannot write ${shown}: ${(error as Error).message}`);
    }
  };
  const target = attempt(() => targetOf(path.resolve(file), shown));
  const tmp = target.kind === 'replace' ? tempPathFor(target.path) : null;
  let forget = () => {};
  const fd = attempt(() => {
    if (tmp === null) return openSync(target.path, 'w');
    mkdirSync(path.dirname(target.path), { recursive: true });
    removeStaleTemps(target.path);
    // Its removal is arranged first, so no signal falls between the two.
    forget = removeOnInterrupt(tmp);
    try {
      const opened = openSync(tmp, 'wx');
      // The replacement keeps the file's permissions.
      if (target.kind === 'replace' && target.mode !== undefined) fchmodSync(opened, target.mode);
      return opened;
    } catch (error) {
      rmSync(tmp, { force: true });
      forget();
      throw error;
    }
  });
  let open = true;
  const blocks = blockWriter((block) => attempt(() => {
    for (let done = 0; done < block.length; ) done += writeSync(fd, block, done);
  }));
  const close = () => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  return {
    write: blocks.write,
    commit: () => {
      blocks.flush();
      attempt(close);
      if (tmp !== null) attempt(() => renameSync(tmp, target.path));
      forget();
    },
    abort: () => {
      close();
      if (tmp !== null) rmSync(tmp, { force: true });
      forget();
    },
  };
}

/**
 * Removes the temporary files of `file` left by processes that were killed
 * (their pid no longer runs). A live process's temporary file is never
 * touched, so concurrent runs writing the same file do not disturb each other.
 */
export function removeStaleTemps(file: string): void {
  const dir = path.dirname(file);
  const name = path.basename(file);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return; // the directory does not exist (yet): opening the temporary file will say so
  }
  for (const entry of entries) {
    const m = TEMP.exec(entry);
    if (!m || m[1] !== name || isRunning(Number(m[2]))) continue;
    rmSync(path.join(dir, entry), { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
