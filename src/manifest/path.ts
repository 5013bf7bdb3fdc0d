/** Paths into a document's plain data: reading a value and printing a path. */
import { looksLikeSecret } from '../secrets/detect';
import type { Path } from './types';

/** The value at `path` in plain data (own properties only), or `undefined`. */
export function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof seg === 'string' && Object.hasOwn(v, seg)) {
      v = (v as Record<string, unknown>)[seg];
    } else return undefined;
  }
  return v;
}

/**
 * The path as messages and JSON show it: `spec.sso.protocol`,
 * `spec.waivers[0].rule`, `metadata.labels["a.b"]`. A key that looks like a
 * credential is shown as `[redacted]`.
 */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (looksLikeSecret(seg)) out += '[redacted]';
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
