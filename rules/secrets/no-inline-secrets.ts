/**
 * secrets/no-inline-secrets — no credential in a manifest, in any value, key
 * or comment. Runs on every document, valid or not, and never repeats the value.
 */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { formatPath } from '../../src/manifest/path';
import type { Path } from '../../src/manifest/types';
import { findSecrets, isCredentialKey, isSecretReference } from '../../src/secrets/detect';

const FIX = 'Remove it, rotate the credential (it is in the git history now), and keep only a reference such as `vault:…`, `secret:…` or `${…}`.';

export const rule = createRule({
  kind: 'document',
  id: 'secrets/no-inline-secrets',
  description: 'No credential in a manifest: private keys, cloud and SaaS tokens, JWTs, or values under secret-named keys',
  severity: 'error',
  waivable: false,
  fingerprintValue: false,
  controls: CONTROLS.secrets,
  options: z.strictObject({}),
  messages: {
    pattern: `\`{{path}}\` holds what looks like a credential: {{kind}} ({{length}} characters, not shown). ${FIX}`,
    credentialKey: `\`{{path}}\` is named like a credential and holds a value ({{length}} characters, not shown). ${FIX}`,
    inKey: `A key in {{path}} looks like a credential: {{kind}} ({{length}} characters, not shown). ${FIX}`,
    inText: `This text looks like a credential: {{kind}} ({{length}} characters, not shown); it is outside any value (a comment, or YAML that could not be read). ${FIX}`,
  },
  check({ value, text, range, report }) {
    const source = text.slice(range.start, range.end);
    const raw = findSecrets(source);
    // Decoded values can only hide a credential the raw text does not show
    // through escapes (`"\x41KIA…"`, an escaped line break): without a
    // backslash and a raw match, scanning every value again finds nothing new.
    const scanValues = raw.length > 0 || source.includes('\\');
    const reported = new Set<string>();
    // The path of the value visited, one stack for the whole walk (copied only into a finding).
    const path: (string | number)[] = [];
    const visit = (v: unknown, key: string | undefined): void => {
      if (typeof v === 'string') {
        const found = scanValues ? findSecrets(v, key) : [];
        if (found.length > 0) {
          for (const s of found) reported.add(v.slice(s.start, s.end));
          report({ path: [...path], messageId: 'pattern', data: { path: printable(path), kind: found[0]!.kind, length: v.length } });
        } else if (key !== undefined && isCredentialKey(key) && v.trim() !== '' && !isSecretReference(v)) {
          report({ path: [...path], messageId: 'credentialKey', data: { path: printable(path), length: v.length } });
        }
      } else if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          path.push(i);
          visit(v[i], key);
          path.pop();
        }
      } else if (typeof v === 'object' && v !== null) {
        for (const k of Object.keys(v)) {
          const inKey = scanValues ? findSecrets(k) : [];
          if (inKey.length > 0) {
            for (const s of inKey) reported.add(k.slice(s.start, s.end));
            report({ path: [...path, k], at: 'key', messageId: 'inKey', data: { path: printable(path), kind: inKey[0]!.kind, length: k.length } });
          }
          path.push(k);
          visit((v as Record<string, unknown>)[k], k);
          path.pop();
        }
      }
    };
    visit(value, undefined);
    // The raw text catches comments and documents that could not be parsed.
    for (const s of raw) {
      const match = source.slice(s.start, s.end);
      if (reported.has(match)) continue;
      reported.add(match);
      report({ range: { start: range.start + s.start, end: range.start + s.end }, messageId: 'inText', data: { kind: s.kind, length: match.length } });
    }
  },
});

function printable(path: Path): string {
  return formatPath(path) || 'the document';
}
