import { describe, expect, it } from 'vitest';
import { atWithin, edit, findings, lintFiles, lintText, VALID } from '../../helpers';

const RULE = 'manifest/unique-name';
const renamed = (name: string, formerNames?: string[]) =>
  edit(VALID, { set: { 'metadata.name': name, ...(formerNames ? { 'metadata.formerNames': formerNames } : {}) } });

describe(RULE, () => {
  it('passes unique names across files', () => {
    const results = lintFiles({ 'apps/a.yaml': renamed('crm-a'), 'apps/b.yaml': renamed('crm-b', ['crm-old']) });
    expect(results.flatMap((r) => findings(r, RULE))).toEqual([]);
  });

  it('reports every later occurrence of a name, naming the first file and line', () => {
    const a = renamed('crm');
    const b = renamed('crm');
    const c = renamed('crm');
    const results = lintFiles({ 'apps/a.yaml': a, 'apps/b.yaml': b, 'apps/c.yaml': c });
    expect(findings(results[0]!, RULE)).toEqual([]);
    expect(findings(results[1]!, RULE)).toEqual([atWithin(RULE, 'duplicate', b, 'name: crm', 'crm')]);
    expect(findings(results[2]!, RULE)).toEqual([atWithin(RULE, 'duplicate', c, 'name: crm', 'crm')]);
    expect(results[1]!.messages.find((m) => m.ruleId === RULE)!.message).toBe(
      'The name `crm` is already used by apps/a.yaml (line 4); every app needs its own name, and a former name may not be reused.',
    );
    expect(results[1]!.documents[0]!.failedRules).toContain(RULE);
  });

  it('reports a former name that another app uses, at the formerNames entry', () => {
    const b = renamed('crm-new', ['crm-legacy', 'crm']);
    const results = lintFiles({ 'apps/a.yaml': renamed('crm'), 'apps/b.yaml': b });
    expect(findings(results[1]!, RULE)).toEqual([atWithin(RULE, 'duplicate', b, '- crm\n', 'crm')]);
  });

  it('looks across documents of one file', () => {
    const text = `${renamed('crm')}---\n${renamed('crm')}`;
    const result = lintText(text);
    expect(findings(result, RULE)).toHaveLength(1);
    expect(findings(result, RULE)[0]!.line).toBeGreaterThan(text.split('---')[0]!.split('\n').length);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('another document of this file');
  });

  it('ignores documents that fail the schema, and a former name equal to the own name', () => {
    const broken = edit(renamed('crm'), { remove: ['spec.vendor'] });
    const results = lintFiles({ 'apps/a.yaml': broken, 'apps/b.yaml': renamed('crm', ['crm']) });
    expect(results.flatMap((r) => findings(r, RULE))).toEqual([]);
  });

  it('is not waivable', () => {
    const waiver = { rule: RULE, reason: 'Two tenants of the same vendor for a while', approvedBy: 'ciso@example.com', ticket: 'T-1', expires: '2027-01-01' };
    const b = edit(renamed('crm'), { set: { 'spec.waivers': [waiver] } });
    const results = lintFiles({ 'apps/a.yaml': renamed('crm'), 'apps/b.yaml': b });
    expect(findings(results[1]!, RULE)).toHaveLength(1);
    expect(findings(results[1]!, 'waiver/valid').map((f) => f.messageId)).toEqual(['notWaivable']);
  });
});
