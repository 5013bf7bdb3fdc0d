/** Writes a file atomically: a temporary file in the same directory, then a rename. */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export function writeFileAtomic(file: string, content: string): void {
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
  write(chunk: string): void;
  /** Closes the temporary file and renames it over `file`. */
  commit(): void;
  /** Removes the temporary file (the run failed). */
  abort(): void;
}

export function openAtomicWriter(file: string): AtomicWriter {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'w');
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (chunk) => {
      writeSync(fd, chunk);
    },
    commit: () => {
      close();
      renameSync(tmp, file);
    },
    abort: () => {
      close();
      rmSync(tmp, { force: true });
    },
  };
}
