/** Which manifests the program provisions: exactly those lint passes. */
import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/engine/results';
import { selectManifests, skipWarning } from '../../src/okta/select';
import { edit, lintFiles, VALID } from '../helpers';

const noOwner = edit(VALID, { set: { 'metadata.name': 'no-owner' }, remove: ['metadata.owner.technical'] });
const second = edit(VALID, { set: { 'metadata.name': 'second-app' } });

describe('selectManifests', () => {
  it('passes documents with a manifest and no error, and skips the others with their failing rules', () => {
    const results = lintFiles({
      'apps/a.yaml': VALID,
      'apps/b.yaml': `${second}---\n${noOwner}`,
      'apps/c.yaml': 'apiVersion: saasgov.dev/v1\nkind: SaaSApp\nmetadata: {name: broken-app}\nspec: 1\n',
    });
    const { passing, skipped } = selectManifests(results, '/repo');
    expect(passing.map((p) => [p.filePath, p.manifest.metadata.name])).toEqual([
      ['apps/a.yaml', 'crm-salesforce'],
      ['apps/b.yaml', 'second-app'],
    ]);
    // A failing document that matched the schema keeps its typed manifest (a held app's is compared with what was deployed).
    expect(skipped).toEqual([
      { app: 'no-owner', filePath: 'apps/b.yaml', rules: ['ownership/owners'], manifest: expect.objectContaining({ metadata: expect.objectContaining({ name: 'no-owner' }) }) },
      { app: 'broken-app', filePath: 'apps/c.yaml', rules: ['manifest/schema'] },
    ]);
  });

  it('provisions a manifest whose only findings are warnings or waived errors', () => {
    const waived = edit(noOwner, {
      set: {
        'spec.waivers': [{ rule: 'ownership/owners', reason: 'Owner leaves; a successor is named next week', approvedBy: 'ciso@example.com', ticket: 'SEC-1', expires: '2027-01-31' }],
      },
    });
    const [result] = lintFiles({ 'apps/w.yaml': waived });
    expect(result!.suppressedMessages.map((m) => m.ruleId)).toEqual(['ownership/owners']);
    expect(selectManifests([result!], '/repo').passing.map((p) => p.manifest.metadata.name)).toEqual(['no-owner']);
  });

  it('follows the config: a rule switched off no longer skips', () => {
    const results = lintFiles({ 'apps/b.yaml': noOwner }, { config: 'rules:\n  ownership/owners: off\n' });
    expect(selectManifests(results, '/repo').skipped).toEqual([]);
  });

  it('skips a later duplicate name (manifest/unique-name)', () => {
    const { skipped } = selectManifests(lintFiles({ 'apps/a.yaml': VALID, 'apps/b.yaml': VALID }), '/repo');
    expect(skipped).toEqual([{ app: 'crm-salesforce', filePath: 'apps/b.yaml', rules: ['manifest/unique-name'], manifest: expect.anything() }]);
  });

  it('skips a manifest with a placeholder left, even in a field the schema takes as text (no app labelled "<…>")', () => {
    const placeholder = edit(VALID, { set: { 'metadata.displayName': '<Name shown on the Okta dashboard>', 'spec.access.groups': ['<okta-group-name>'] } });
    const { passing, skipped } = selectManifests(lintFiles({ 'apps/p.yaml': placeholder }), '/repo');
    expect(passing).toEqual([]);
    expect(skipped).toEqual([{ app: 'crm-salesforce', filePath: 'apps/p.yaml', rules: ['manifest/schema'] }]);
  });

  it('skips an unparseable file with its rule and no app', () => {
    const { skipped } = selectManifests(lintFiles({ 'apps/x.yaml': 'metadata: [name\n' }), '/repo');
    expect(skipped).toEqual([{ app: null, filePath: 'apps/x.yaml', rules: ['manifest/syntax'] }]);
  });

  it('skips a file with no documents by the rules of its own findings', () => {
    const unreadable: LintResult = {
      filePath: '/repo/apps/big.yaml',
      messages: [
        { ruleId: 'manifest/syntax', severity: 2, message: 'too large', messageId: 'tooLarge', line: 1, column: 1, endLine: 1, endColumn: 1, path: null, app: null, fingerprint: 'x', document: 0, fatal: true },
      ],
      suppressedMessages: [],
      errorCount: 1,
      warningCount: 0,
      fatalErrorCount: 1,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      documents: [],
    };
    expect(selectManifests([unreadable], '/repo')).toEqual({ passing: [], skipped: [{ app: null, filePath: 'apps/big.yaml', rules: ['manifest/syntax'] }] });
  });

  it('skips a document without a typed manifest even when its schema findings are off', () => {
    const results = lintFiles({ 'apps/c.yaml': 'apiVersion: saasgov.dev/v1\nkind: SaaSApp\nmetadata: {name: broken-app}\nspec: 1\n' }, { config: 'rules:\n  manifest/schema: off\n' });
    expect(results[0]!.errorCount).toBe(0);
    expect(selectManifests(results, '/repo').skipped).toEqual([{ app: 'broken-app', filePath: 'apps/c.yaml', rules: ['manifest/schema'] }]);
  });
});

describe('skipWarning', () => {
  it('names the file, the app and the rules, and where to see the findings', () => {
    expect(skipWarning({ app: 'wiki', filePath: 'apps/wiki.yaml', rules: ['ownership/owners', 'sso/mfa'] })).toBe(
      'saasgov: not provisioning apps/wiki.yaml (wiki): it fails ownership/owners, sso/mfa; run saasgov lint apps/wiki.yaml for the findings',
    );
    expect(skipWarning({ app: null, filePath: 'apps/x.yaml', rules: ['manifest/syntax'] })).toBe(
      'saasgov: not provisioning apps/x.yaml: it fails manifest/syntax; run saasgov lint apps/x.yaml for the findings',
    );
  });
});
