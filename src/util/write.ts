/**
 * Writes a file atomically: a temporary file in the same directory, then a
 * rename, so a reader (or a run killed half-way) never sees a partial file.
 * A run killed before its rename leaves its temporary file behind; the next
 * write of the same file removes the temporary files of processes that no
 * longer exist.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

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
  return path.join(path.dirname(file), `.${path.basename(file)}.${pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Characters gathered before a write. */
const WRITE_BLOCK = 1 << 16;

export function openAtomicWriter(file: string): AtomicWriter {
  removeStaleTemps(file);
  const tmp = tempPathFor(file);
  const fd = openSync(tmp, 'wx');
  let open = true;
  // Pieces are gathered and written in large blocks: one system call per piece is slow for many small ones.
  let pending: (string | Uint8Array)[] = [];
  let size = 0;
  const flush = () => {
    // One write per block: text joined, or text and bytes concatenated.
    if (pending.every((c) => typeof c === 'string')) {
      if (pending.length > 0) writeSync(fd, pending.join(''));
    } else {
      writeSync(fd, Buffer.concat(pending.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))));
    }
    pending = [];
    size = 0;
  };
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (chunk) => {
      pending.push(chunk);
      size += chunk.length;
      if (size >= WRITE_BLOCK) flush();
    },
    commit: () => {
      flush();
      close();
      renameSync(tmp, file);
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
