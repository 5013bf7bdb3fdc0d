/**
 * Fingerprints identify a finding across re-formatting and file moves (rule
 * id + app + path + message id + offending value), so baselines and
 * `--new-since` follow findings, not lines.
 */
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parseDocument, visit } from 'yaml';
import type { LintResult } from '../../src/engine/results';
import { edit, lintText, VALID } from '../helpers';

const CONFIG = 'rules:\n  ownership/owners: [error, {domains: [example.com]}]\n';

/** A manifest with findings that carry values: a missing owner, an owner outside the allowed domains, an inline token. */
const FAILING = edit(VALID, {
  remove: ['metadata.owner.business'],
  set: { 'metadata.owner.technical': 'it-apps@gmail.com', 'spec.x-apiToken': 'plain-text-token-value-123' },
});

const fingerprints = (r: LintResult) => r.messages.map((m) => `${m.ruleId} ${m.path} ${m.fingerprint}`).sort();
const positions = (r: LintResult) => r.messages.map((m) => `${m.line}:${m.column}`).sort();

/** The same YAML with every mapping's keys in reverse order. */
function reorderKeys(text: string): string {
  const doc = parseDocument(text);
  visit(doc, { Map: (_, node) => void node.items.reverse() });
  return doc.toString({ lineWidth: 0 });
}

/** The same YAML indented by four spaces, with comments and blank lines added. */
function reindent(text: string): string {
  const doc = parseDocument(text);
  visit(doc, {
    Node: (_, node) => {
      if (isMap(node) || isSeq(node)) node.commentBefore = ' re-formatted';
    },
  });
  return `# moved and re-formatted\n\n${doc.toString({ indent: 4, indentSeq: true, lineWidth: 0 })}`;
}

describe('finding fingerprints', () => {
  const original = lintText(FAILING, { config: CONFIG, file: 'apps/crm.yaml' });

  it('has the findings this test needs', () => {
    expect(original.messages.map((m) => m.ruleId).sort()).toEqual(['ownership/owners', 'ownership/owners', 'secrets/no-inline-secrets']);
    expect(new Set(original.messages.map((m) => m.fingerprint)).size).toBe(3);
  });

  it('stay the same when the manifest is re-indented, its keys reordered, and it moves to another path', () => {
    const reshaped = reindent(reorderKeys(FAILING));
    const moved = lintText(reshaped, { config: CONFIG, file: 'inventory/sales/crm-renamed.yml' });
    expect(positions(moved)).not.toEqual(positions(original)); // the findings did move
    expect(fingerprints(moved)).toEqual(fingerprints(original));
  });

  it('change when the offending value changes, and only for that finding', () => {
    const changed = lintText(edit(FAILING, { set: { 'metadata.owner.technical': 'it-ops@gmail.com' } }), { config: CONFIG, file: 'apps/crm.yaml' });
    const before = new Map(original.messages.map((m) => [`${m.ruleId} ${m.path}`, m.fingerprint]));
    const after = new Map(changed.messages.map((m) => [`${m.ruleId} ${m.path}`, m.fingerprint]));
    expect(after.get('ownership/owners metadata.owner.technical')).not.toBe(before.get('ownership/owners metadata.owner.technical'));
    expect(after.get('ownership/owners metadata.owner.business')).toBe(before.get('ownership/owners metadata.owner.business'));
  });

  it('change when the app is renamed (the app is part of the identity)', () => {
    const renamed = lintText(edit(FAILING, { set: { 'metadata.name': 'crm-other' } }), { config: CONFIG });
    expect(fingerprints(renamed).some((f) => fingerprints(original).includes(f))).toBe(false);
  });

  it('never depend on a secret: another token in the same place keeps the fingerprint', () => {
    const other = lintText(edit(FAILING, { set: { 'spec.x-apiToken': 'a-different-plain-token-9876' } }), { config: CONFIG, file: 'apps/crm.yaml' });
    const secret = (r: LintResult) => r.messages.find((m) => m.ruleId === 'secrets/no-inline-secrets')!.fingerprint;
    expect(secret(other)).toBe(secret(original));
  });
});
