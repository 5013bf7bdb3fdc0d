/**
 * Reads a manifest file as UTF-8 text. Whatever is wrong with the bytes (too
 * large, unreadable, not a regular file, UTF-16, not UTF-8) becomes a `manifest/syntax` problem,
 * never an exception: one bad file must not stop the others.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { LoadProblem } from './types';

/** Default cap on a manifest file's size (HAZARDS: a 50 MB file takes 41 s and 2.8 GB to parse). */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export type ReadResult = (
  | { readonly text: string; readonly problem?: undefined }
  | { readonly text: null; readonly problem: LoadProblem }
) & {
  /** A hash of the bytes read (when asked for, and the file could be read). */
  readonly hash?: string;
};

const decoder = new TextDecoder('utf-8', { fatal: true });

const syntax = (messageId: string, data: Record<string, string | number>, line = 1, column = 1): LoadProblem => ({
  ruleId: 'manifest/syntax',
  messageId,
  data,
  position: { line, column },
});

/**
 * Reads `filePath`, refusing files over `maxBytes` before reading them.
 * `hash` computes a hash of the bytes (for the cache).
 */
export function readManifestFile(filePath: string, maxBytes = DEFAULT_MAX_FILE_BYTES, hash?: (bytes: Uint8Array) => string): ReadResult {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // Non-blocking, so a FIFO (or a link to one) cannot stall the run waiting for a writer.
    fd = openSync(filePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { text: null, problem: syntax('notAFile', {}) };
    const { size } = stat;
    if (size > maxBytes) {
      return { text: null, problem: syntax('tooLarge', { size: formatBytes(size), max: formatBytes(maxBytes) }) };
    }
    bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    bytes = bytes.subarray(0, read);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    return { text: null, problem: syntax('unreadable', { code }) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const decoded = decodeManifest(bytes);
  return hash ? { ...decoded, hash: hash(bytes) } : decoded;
}

/** Decodes manifest bytes as strict UTF-8 (a UTF-8 BOM is dropped). */
export function decodeManifest(bytes: Uint8Array): ReadResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { text: null, problem: syntax('utf16', {}) };
  }
  // A NUL byte means binary content (NUL is valid UTF-8, so decoding alone would accept it).
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { text: null, problem: atByte(bytes, nul, 'binary', {}) };
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const byte = `0x${(bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
    return { text: null, problem: atByte(bytes, bad, 'notUtf8', { byte }) };
  }
}

/** A problem at byte offset `at`, with the line and column of the text before it. */
function atByte(bytes: Uint8Array, at: number, messageId: string, data: Record<string, string | number>): LoadProblem {
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
  const lineStart = prefix.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = prefix.indexOf('\n'); i !== -1; i = prefix.indexOf('\n', i + 1)) line++;
  return syntax(messageId, data, line, prefix.length - lineStart + 1);
}

/** Offset of the first byte that does not start or continue valid UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return i;
}

/** `5 MB`, `812 KB`, `17 bytes`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
