/**
 * Property: no input makes the loader or the engine throw. Arbitrary bytes,
 * arbitrary text and a soup of YAML tokens (markers, indicators, anchors,
 * aliases, tags, directives, quotes, control characters) lint to a result
 * whose every finding has a real position in the file, and that passes only
 * if every document is a manifest that matched the schema.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/engine/results';
import { lintFiles, VALID } from '../helpers';
import { fuzzOptions, PROPERTY_TIMEOUT } from './arbitraries';

const TOKENS = [
  '---', '...', '\n', '\r\n', '- ', '? ', ': ', ':', '[', ']', '{', '}', ', ', '&a ', '*a', '&b ', '*b', '!t ', '!!str ', '!!merge ', '<<: ',
  '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '# c', '"', "'", '|', '>-', '\t', ' ', '  ', '    ', 'key', 'value', 'apiVersion: saasgov.dev/v1',
  'kind: SaaSApp', 'metadata:', 'spec:', '__proto__', '\\', '\\x41', '\\u202E', '\r', '\u0000', '\u001b', '\u0085', '\uFEFF', '\u202E', '😀',
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((t) => t.join(''));
/** VALID cut and spliced at random places: almost a manifest. */
const splicedValid = fc.tuple(fc.nat(VALID.length), fc.nat(VALID.length), fc.constantFrom(...TOKENS)).map(([a, b, t]) => VALID.slice(0, Math.min(a, b)) + t + VALID.slice(Math.max(a, b)));

function checkPositions(result: LintResult, lines: number): void {
  for (const m of [...result.messages, ...result.suppressedMessages]) {
    expect(m.line).toBeGreaterThanOrEqual(1);
    expect(m.column).toBeGreaterThanOrEqual(1);
    expect(m.line).toBeLessThanOrEqual(lines);
    expect(m.endLine).toBeGreaterThanOrEqual(m.line);
    if (m.endLine === m.line) expect(m.endColumn).toBeGreaterThanOrEqual(m.column);
  }
  // Fail closed: a file passes only if it holds documents and every one is a manifest that matched the schema.
  if (result.errorCount === 0) {
    expect(result.documents.length).toBeGreaterThan(0);
    for (const d of result.documents) expect(d.manifest).toBeDefined();
  }
}

describe('the loader and the engine', () => {
  it(
    'never throw on arbitrary bytes, and place every finding inside the file',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
          const [result] = lintFiles({ 'apps/a.yaml': bytes });
          checkPositions(result!, Buffer.from(bytes).toString('latin1').split('\n').length);
        }),
        fuzzOptions(300),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'never throw on arbitrary text, YAML token soup or a spliced manifest, and place every finding inside the file',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), tokenSoup, splicedValid), (text) => {
          const [result] = lintFiles({ 'apps/a.yaml': text });
          // A leading BOM is dropped; CR alone does not end a line for the positions.
          checkPositions(result!, text.split('\n').length);
        }),
        fuzzOptions(400),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
