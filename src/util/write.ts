/**
 * Writes a file atomically: a temporary file in the same directory, then a
 * rename, so a reader (or a run killed half-way) never sees a partial file.
 * A run killed before its rename leaves its temporary file behind; the next
 * write of the same file removes the temporary files of processes that no
 * longer exist.
 */
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { SaasgovError } from './errors';
import { randomHex } from './hash';

export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const writer = openAtomicWriter(file);
  try {
    writer.write(content);
    writer.commit();
  } catch (error) {
    writer.abort();
    throw error;
  }
}

/** A file written in pieces, atomically: nothing appears at `file` until `commit`. */
export interface AtomicWriter {
  /** Text (written as UTF-8) or bytes. */
  write(chunk: string | Uint8Array): void;
  /** Closes the temporary file and renames it over `file`. */
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

/**
 * Opens `file` for an atomic write, creating its directory as ESLint does. A
 * file that cannot be written is a `SaasgovError` naming it (exit status 2).
 */
export function openAtomicWriter(file: string): AtomicWriter {
  const attempt = <T>(step: () => T): T => {
    try {
      return step();
    } catch (error) {
      throw new SaasgovError('OUTPUT', `cannot write ${file}: ${(error as Error).message}`);
    }
  };
  const tmp = tempPathFor(file);
  const fd = attempt(() => {
    mkdirSync(path.dirname(file), { recursive: true });
    removeStaleTemps(file);
    return openSync(tmp, 'wx');
  });
  let open = true;
  const blocks = blockWriter((block) => attempt(() => {
    for (let done = 0; done < block.length; ) done += writeSync(fd, block, done);
  }));
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: blocks.write,
    commit: () => {
      blocks.flush();
      close();
      attempt(() => renameSync(tmp, file));
    },
    abort: () => {
      close();
      rmSync(tmp, { force: true });
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
