/**
 * No false pass: each rule's "Incorrect" examples (rules/<id>.md) still fail
 * that rule — with every finding they had — when the same manifest is
 * written another way: in flow style, with quoted keys, with its sections
 * behind anchors and its repeated values as aliases, with comments that look
 * like the fix everywhere, as one document among others, and all of those at
 * once. The rewrites go through `yaml`'s Document API, so the data is the
 * same and only the writing differs.
 */
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { RULES } from '../../rules';
import { judgesManifests } from '../../src/engine/rule';
import { lintText, VALID } from '../helpers';
import { ruleExamples } from '../rules/doc-examples';

type Rewrite = (doc: Document) => void;

const flow: Rewrite = (doc) =>
  visit(doc, {
    Map: (_, map) => void (map.flow = true),
    Seq: (_, seq) => void (seq.flow = true),
  });

const quotedKeys: Rewrite = (doc) =>
  visit(doc, {
    Pair: (_, pair) => {
      if (isScalar(pair.key)) pair.key.type = 'QUOTE_DOUBLE';
    },
  });

/** Comments before every key and after every value, saying what a passing manifest would say. */
const comments: Rewrite = (doc) => {
  doc.commentBefore = ' protocol: saml, enforced: true, mfa: required (a comment, not YAML)';
  visit(doc, {
    Pair: (_, pair) => {
      if (isScalar(pair.key)) pair.key.commentBefore = ' classification: public';
      if (isScalar(pair.value)) pair.value.comment = ' fixed: true';
    },
  });
};

/**
 * The collections under `metadata` and `spec` moved into an `x-anchors`
 * extension at the top, each behind an anchor, with an alias in its place;
 * and every scalar value that occurs twice written once, the second time as
 * an alias.
 */
const anchors: Rewrite = (doc) => {
  const root = doc.contents;
  if (!isMap(root)) return;
  const hoisted: Pair<Scalar, Node>[] = [];
  for (const section of ['metadata', 'spec']) {
    const map = root.get(section, true);
    if (!isMap(map)) continue;
    for (const pair of map.items as Pair<Scalar, Node>[]) {
      if (!isScalar(pair.key) || !(isMap(pair.value) || isSeq(pair.value))) continue;
      const name = `${section}-${String(pair.key.value)}`.replace(/[^A-Za-z0-9-]/g, '_');
      hoisted.push(doc.createPair(name, pair.value) as Pair<Scalar, Node>);
      pair.value = doc.createAlias(pair.value as YAMLMap, name);
    }
  }
  if (hoisted.length > 0) {
    const holder = doc.createNode({}) as YAMLMap;
    holder.items.push(...hoisted);
    (root as YAMLMap).items.unshift(doc.createPair('x-anchors', holder));
  }
  const first = new Map<string, Scalar>();
  let n = 0;
  visit(doc, {
    Scalar: (key, node) => {
      if (key === 'key' || node.value === null) return undefined;
      const value = JSON.stringify(node.value);
      const seen = first.get(value);
      if (!seen) {
        first.set(value, node);
        return undefined;
      }
      return doc.createAlias(seen, seen.anchor ?? `v${n++}`); // replaces the repeated value
    },
  });
};

const REWRITES: Record<string, Rewrite[]> = {
  'flow style': [flow],
  'quoted keys': [quotedKeys],
  'anchors and aliases': [anchors],
  comments: [comments],
  'flow style, quoted keys, anchors and aliases at once': [anchors, quotedKeys, flow],
};

/** `text` rewritten document by document. */
function rewrite(text: string, rewrites: readonly Rewrite[]): string {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  if (!Array.isArray(docs)) return text;
  return docs
    .map((doc, i) => {
      expect(doc.errors, text).toEqual([]);
      for (const r of rewrites) r(doc);
      if (i > 0) doc.directives!.docStart = true;
      return doc.toString({ lineWidth: 0 });
    })
    .join('');
}

/** The findings of `ruleId` in documents `from`…`to` (inclusive), as `messageId path` keys. */
function signature(text: string, ruleId: string, config: string | undefined, from = 0, to = Infinity): string[] {
  const result = lintText(text, config ? { config } : {});
  return result.messages
    .filter((m) => m.ruleId === ruleId && (m.document ?? 0) >= from && (m.document ?? 0) <= to)
    .map((m) => `${m.messageId} ${m.path ?? ''}`)
    .sort();
}

/** Whether every entry of `sub` is in `all` (as many times). */
function included(sub: readonly string[], all: readonly string[]): boolean {
  const left = [...all];
  return sub.every((s) => {
    const i = left.indexOf(s);
    if (i === -1) return false;
    left.splice(i, 1);
    return true;
  });
}

const documentCount = (text: string) => {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  return Array.isArray(docs) ? docs.length : 0;
};

/** Rules whose "Incorrect" examples are broken YAML: only the text-level rewrites apply to them. */
const BROKEN_YAML_EXAMPLES = ['manifest/syntax'];

// Org rules (okta/*) run against an org, not in lint: their examples are audited by test/rules/docs.test.ts.
describe.each(RULES.filter(judgesManifests).map((r) => [r.id] as const))('%s', (id) => {
  const incorrect = ruleExamples(id).filter((e) => e.kind === 'Incorrect');

  it('has incorrect examples that fail it', () => {
    expect(incorrect.length).toBeGreaterThan(0);
    for (const e of incorrect) expect(signature(e.yaml, id, e.config).length, e.yaml).toBeGreaterThan(0);
  });

  const styles = BROKEN_YAML_EXAMPLES.includes(id) ? [] : Object.keys(REWRITES);
  if (styles.length > 0) it.each(styles)('still fails, with every finding, in %s', (style) => {
    for (const e of incorrect) {
      const before = signature(e.yaml, id, e.config);
      const text = rewrite(e.yaml, REWRITES[style]!);
      expect(text).not.toBe(e.yaml);
      const after = signature(text, id, e.config);
      expect(included(before, after), `${style}:\n${text}\nbefore: ${before.join(', ')}\nafter: ${after.join(', ')}`).toBe(true);
    }
  });

  it('still fails, with every finding, as one document among others (after `---` and before `...`)', () => {
    const before = VALID.replace('crm-salesforce', 'nfp-before');
    const after = VALID.replace('crm-salesforce', 'nfp-after');
    for (const e of incorrect) {
      const expected = signature(e.yaml, id, e.config);
      const docs = BROKEN_YAML_EXAMPLES.includes(id) ? 1 : documentCount(e.yaml);
      const text = `# leading comment\n${before}---\n${e.yaml.endsWith('\n') ? e.yaml : `${e.yaml}\n`}...\n---\n${after}`;
      const found = signature(text, id, e.config, 1, docs);
      expect(included(expected, found), `${text}\nexpected: ${expected.join(', ')}\nfound: ${found.join(', ')}`).toBe(true);
    }
  });
});

describe('the rewrites', () => {
  it('apply to every rule but those whose incorrect examples are broken YAML', () => {
    const broken = RULES.filter((r) =>
      ruleExamples(r.id).some((e) => {
        const docs = parseAllDocuments(e.yaml, { uniqueKeys: true });
        return !Array.isArray(docs) || docs.some((d) => d.errors.length > 0 || d.warnings.length > 0);
      }),
    ).map((r) => r.id);
    expect(broken).toEqual(BROKEN_YAML_EXAMPLES);
  });

  it('leave the YAML meaning the same and only the writing different', () => {
    const text = VALID;
    for (const [style, rewrites] of Object.entries(REWRITES)) {
      const out = rewrite(text, rewrites);
      expect(out, style).not.toBe(text);
      expect(lintText(out).messages, `${style}:\n${out}`).toEqual([]);
      expect(lintText(out).documents[0]!.manifest).toEqual(lintText(text).documents[0]!.manifest);
    }
  });
});
