/** okta/drift: one finding per governed fact that differs, at the manifest's field. */
import { describe, expect, it } from 'vitest';
import { audit, found, passing } from '../../audit/audit-helpers';
import { orgSnapshot } from '../../audit/org-fixtures';
import { lintText, rangeOf, within } from '../../helpers';

const ID = `0oa${'1'.padStart(17, '0')}`;
const MANIFEST = passing('wiki', ID, '    scim: {enabled: true, features: [create, deactivate]}\n  access:\n    groups: [Engineering, Support]\n');

describe('okta/drift', () => {
  it('reports sign-on mode, relaxed MFA, extra and missing groups and SCIM features at their fields', () => {
    const org = orgSnapshot({ apps: [{ id: ID, label: 'wiki', oinKey: 'wiki', signOnMode: 'AUTO_LOGIN', protocol: 'swa', mfa: 'optional', groups: ['Engineering', 'Everyone'], scimFeatures: ['create'] }] });
    const at = (needle: string) => {
      const r = rangeOf(MANIFEST, needle);
      return `apps/wiki.yaml:${r.line}:${r.column}`;
    };
    expect(found(audit({ 'apps/wiki.yaml': MANIFEST }, org), 'okta/drift')).toEqual([
      { messageId: 'protocol', where: at('saml'), path: 'spec.sso.protocol' },
      { messageId: 'mfa', where: at('required'), path: 'spec.sso.mfa' },
      { messageId: 'scim', where: at('[create, deactivate]'), path: 'spec.provisioning.scim.features' },
      { messageId: 'extraGroups', where: at('[Engineering, Support]'), path: 'spec.access.groups' },
      { messageId: 'missingGroup', where: `apps/wiki.yaml:${within(MANIFEST, 'groups: [Engineering, Support]', 'Support').line}:${within(MANIFEST, 'groups: [Engineering, Support]', 'Support').column}`, path: 'spec.access.groups[1]' },
    ]);
  });

  it('finds nothing when the org matches, and compares only the facts the option names', () => {
    const matching = orgSnapshot({ apps: [{ id: ID, label: 'wiki', oinKey: 'wiki', mfa: 'required', groups: ['Engineering', 'Support'], scimFeatures: ['create', 'deactivate'] }] });
    expect(found(audit({ 'apps/wiki.yaml': MANIFEST }, matching), 'okta/drift')).toEqual([]);
    const relaxed = orgSnapshot({ apps: [{ id: ID, label: 'wiki', oinKey: 'wiki', mfa: 'optional', groups: ['Everyone'], scimFeatures: [] }] });
    const config = 'rules:\n  okta/drift: [error, {facts: [mfa]}]\n';
    expect(found(audit({ 'apps/wiki.yaml': MANIFEST }, relaxed, { config }), 'okta/drift').map((f) => f.messageId)).toEqual(['mfa']);
  });

  it('is configured like every rule (severity at the top and per file in overrides) but never waived', () => {
    const org = orgSnapshot({ apps: [{ id: ID, label: 'wiki', oinKey: 'wiki', mfa: 'optional', groups: ['Engineering', 'Support'], scimFeatures: ['create', 'deactivate'] }] });
    const files = { 'apps/wiki.yaml': MANIFEST, 'apps/sandbox/wiki.yaml': MANIFEST.replace('name: wiki', 'name: wiki-sandbox') };
    const severities = (config: string) => audit(files, org, { config }).flatMap((r) => r.messages.map((m) => `${r.filePath.slice('/repo/'.length)} ${m.ruleId} ${m.severity}`));
    expect(severities('{}')).toEqual(['apps/sandbox/wiki.yaml okta/drift 2', 'apps/wiki.yaml okta/drift 2']);
    expect(severities("rules: {okta/drift: warn}\noverrides:\n  - files: ['apps/sandbox/**']\n    rules: {okta/drift: off}\n")).toEqual(['apps/wiki.yaml okta/drift 1']);
    // A waiver of it is lint's waiver/valid finding (lint never runs org rules), and the audit still reports the drift.
    const waived = `${MANIFEST}  waivers:\n    - {rule: okta/drift, reason: The SSO migration runs until December, approvedBy: ciso@example.com, ticket: SEC-1, expires: 2026-12-20}\n`;
    expect(lintText(waived, { file: 'apps/wiki.yaml' }).messages.map((m) => `${m.ruleId} ${m.messageId}`)).toEqual(['waiver/valid notWaivable']);
    expect(found(audit({ 'apps/wiki.yaml': waived }, org), 'okta/drift').map((f) => f.messageId)).toEqual(['mfa']);
  });
});
