/**
 * Hashing from node:crypto, loaded on first use: loading it costs a one-file
 * lint several milliseconds, and a run without findings, cache or output file
 * never needs it.
 */
import type * as NodeCrypto from 'node:crypto';

type Crypto = typeof NodeCrypto;

let crypto: Crypto | undefined;
const load = (): Crypto => (crypto ??= process.getBuiltinModule('node:crypto'));

/** The hex digest of `data`. */
export function digest(algorithm: 'sha1' | 'sha256', data: string | Uint8Array): string {
  return load().hash(algorithm, data);
}

/** `bytes` random bytes, in hex. */
export function randomHex(bytes: number): string {
  return load().randomBytes(bytes).toString('hex');
}
