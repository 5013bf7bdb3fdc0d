import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, atWithin, edit, findings, lintText, VALID } from '../../helpers';

const RULE = 'manifest/schema';
const only = (text: string) => findings(lintText(text), RULE);
const messages = (text: string) => lintText(text).messages.filter((m) => m.ruleId === RULE).map((m) => m.message);

describe(RULE, () => {
  it('accepts the manifest of SPEC §1 exactly as written (saml and oidc variants)', () => {
    const text = readFileSync(path.join(__dirname, '../../fixtures/spec-example.yaml'), 'utf8');
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(findings(result, 'manifest/syntax')).toEqual([]);
    expect(result.documents.map((d) => d.app)).toEqual(['crm-salesforce', 'partner-portal']);
  });

  it('fills in the secure defaults of SPEC §1', () => {
    const text = edit(VALID, { remove: ['spec.sso.okta', 'spec.sso.enforced', 'spec.sso.mfa'], set: { 'spec.sso.saml': { acsUrl: 'https://a.example.com/acs', audience: 'x' } } });
    const manifest = lintText(text).documents[0]!.manifest!;
    expect(manifest.spec.sso).toMatchObject({ enforced: false, mfa: 'optional' });
    expect(manifest.spec.sso.saml).toMatchObject({ nameIdFormat: 'email', signatureAlgorithm: 'RSA_SHA256', responseSigned: true, assertionSigned: true });
    expect(manifest.spec.provisioning?.scim?.enabled).toBe(true);
    expect(manifest.spec.backup?.lastRestoreTest).toBe('2026-10-02');
  });

  it('reports a missing required field at the nearest existing parent key', () => {
    const text = edit(VALID, { remove: ['metadata.owner'] });
    expect(only(text)).toEqual([at(RULE, 'required', text, 'metadata')]);
    expect(messages(text)).toEqual(['`owner` is required in metadata.']);
    const noSpec = edit(VALID, { remove: ['spec'] });
    expect(only(noSpec)).toEqual([at(RULE, 'required', noSpec, 'apiVersion')]);
    const noClass = edit(VALID, { remove: ['spec.data.classification'] });
    expect(only(noClass)).toEqual([atWithin(RULE, 'required', noClass, '  data:', 'data')]);
  });

  it('takes an Okta app id and any Okta instance settings, but nothing that is not an app id or a flat setting', () => {
    const ok = edit(VALID, { set: { 'spec.sso.okta.appId': '0oa1b2c3d4E5f6G7h8i9', 'spec.sso.okta.settings': { instanceType: 'PRODUCTION', 'x-not-extension': true, port: 443, empty: null } } });
    expect(only(ok)).toEqual([]);
    expect(lintText(ok).documents[0]!.manifest!.spec.sso.okta?.settings).toEqual({ instanceType: 'PRODUCTION', 'x-not-extension': true, port: 443, empty: null });
    const badId = edit(VALID, { set: { 'spec.sso.okta.appId': 'salesforce' } });
    expect(only(badId)).toEqual([atWithin(RULE, 'oktaAppId', badId, 'appId: salesforce', 'salesforce')]);
    expect(messages(badId)).toEqual(['`spec.sso.okta.appId` must be an Okta app id: 20 letters and digits starting with `0oa` (the id in the app\'s Admin Console URL); found "salesforce".']);
    const nested = edit(VALID, { set: { 'spec.sso.okta.settings': { instance: { type: 'PRODUCTION' } } } });
    expect(only(nested).map((f) => f.messageId)).toEqual(['type']);
  });

  it('reports a wrong type at the value', () => {
    const text = edit(VALID, { set: { 'spec.seats': 'many' } });
    expect(only(text)).toEqual([at(RULE, 'type', text, 'many')]);
    expect(messages(text)).toEqual(['`spec.seats` must be a number, found "many".']);
  });

  it('asks to quote numbers and booleans where text is expected, showing the source text', () => {
    const text = VALID.replace('costCenter: CC-4410', 'costCenter: 0755');
    expect(only(text)).toEqual([at(RULE, 'quoteIt', text, '0755')]);
    expect(messages(text)).toEqual(['`metadata.costCenter` must be text, but YAML reads `0755` as the number `755`; quote it: "0755".']);
  });

  it('keeps YAML 1.1 booleans and dates as text (core schema)', () => {
    const text = VALID.replace('enforced: true', 'enforced: on');
    expect(only(text)).toEqual([atWithin(RULE, 'type', text, 'enforced: on', 'on')]);
    expect(messages(text)[0]).toBe('`spec.sso.enforced` must be true or false, found "on".');
    const inf = edit(VALID, { set: { 'spec.seats': Infinity } });
    expect(only(inf)).toEqual([at(RULE, 'type', inf, '.inf')]);
  });

  it('reports a value outside its enum with a "did you mean"', () => {
    const text = VALID.replace('classification: confidential', 'classification: confidental');
    expect(only(text)).toEqual([at(RULE, 'enum', text, 'confidental')]);
    expect(messages(text)[0]).toBe('`spec.data.classification` must be one of `public`, `internal`, `confidential`, `restricted`; found "confidental"; did you mean `confidential`?');
  });

  it('reports a wrong apiVersion or kind', () => {
    const text = VALID.replace('apiVersion: saasgov.dev/v1', 'apiVersion: saasgov.dev/v2');
    expect(only(text)).toEqual([at(RULE, 'literal', text, 'saasgov.dev/v2')]);
  });

  it('reports an unknown key at the key, with a "did you mean" and the allowed keys', () => {
    const text = VALID.replace('enforced: true', 'enfored: true');
    expect(only(text)).toEqual([at(RULE, 'unknownKey', text, 'enfored')]);
    expect(messages(text)[0]).toMatch(/^Unknown key `enfored` in spec\.sso; did you mean `enforced`\? Allowed keys: `protocol`, /);
    const far = VALID.replace('  costCenter: CC-4410', '  budget: 100');
    expect(messages(far)[0]).toMatch(/^Unknown key `budget` in metadata\. Allowed keys:/);
  });

  it('allows x- extension keys at any level and any key under labels', () => {
    const text = edit(VALID, {
      set: { 'x-team-notes': { any: ['thing'] }, 'spec.sso.x-rollout': 3, 'spec.data.x-dpo': 'dpo@example.com', 'metadata.labels.Cost-Owner': 'sales' },
    });
    expect(only(text)).toEqual([]);
  });

  it('reports a too short waiver reason, a negative seat count, a bad date, e-mail, URL, name and region', () => {
    const cases: [Record<string, unknown>, string, string, string][] = [
      [{ 'spec.seats': -1 }, 'tooSmall', 'seats: -1', '-1'],
      [{ 'spec.backup.lastRestoreTest': '2027-02-30' }, 'date', 'lastRestoreTest: 2027-02-30', '2027-02-30'],
      [{ 'metadata.owner.business': 'jane.doe' }, 'email', 'business: jane.doe', 'jane.doe'],
      [{ 'spec.url': 'http://acme.my.salesforce.com' }, 'httpsUrl', 'url: http://acme.my.salesforce.com', 'http://acme.my.salesforce.com'],
      [{ 'metadata.name': 'CRM_Salesforce' }, 'nameFormat', 'name: CRM_Salesforce', 'CRM_Salesforce'],
      [{ 'spec.residency.regions': ['ue'] }, 'region', '- ue', 'ue'],
      [{ 'spec.data.subjects': ['EU'] }, 'region', '- EU', 'EU'],
    ];
    for (const [set, messageId, context, needle] of cases) {
      const text = edit(VALID, { set });
      expect(only(text), messageId).toEqual([atWithin(RULE, messageId, text, context, needle)]);
    }
    expect(messages(edit(VALID, { set: { 'spec.residency.regions': ['EU'] } }))[0]).toContain('did you mean `eu`?');
    const waiver = edit(VALID, { set: { 'spec.waivers': [{ rule: 'ownership/owners', reason: 'too short', approvedBy: 'ciso@example.com', ticket: 'T-1', expires: '2027-01-01' }] } });
    expect(only(waiver)).toEqual([at(RULE, 'tooShort', waiver, 'too short')]);
  });

  it('accepts region aliases uk and el and named sets', () => {
    const text = edit(VALID, { set: { 'spec.data.subjects': ['eu', 'uk', 'el', 'eea', 'adequate', 'apac', 'global', 'us'] } });
    expect(only(text)).toEqual([]);
  });

  it('reports a saml block without protocol saml at the block key', () => {
    const text = edit(VALID, { set: { 'spec.sso.protocol': 'oidc', 'spec.sso.oidc': { type: 'web', redirectUris: ['https://x.example.com/cb'] }, 'spec.sso.saml': { acsUrl: 'https://a' } } });
    expect(only(text)).toEqual([at(RULE, 'onlyWithProtocol', text, 'saml:')].map((f) => ({ ...f, endColumn: f.endColumn - 1 })));
  });

  it('reports a document that is not a mapping, and a file with no document', () => {
    expect(only('- a\n- b\n')).toEqual([{ ruleId: RULE, messageId: 'notMapping', line: 1, column: 1, endLine: 2, endColumn: 4 }]);
    expect(only('just text\n')).toEqual([{ ruleId: RULE, messageId: 'notMapping', line: 1, column: 1, endLine: 1, endColumn: 10 }]);
    expect(only('')).toEqual([{ ruleId: RULE, messageId: 'noDocument', line: 1, column: 1, endLine: 1, endColumn: 1 }]);
    expect(only('# only a comment\n')).toEqual([{ ruleId: RULE, messageId: 'noDocument', line: 1, column: 1, endLine: 1, endColumn: 1 }]);
    // Document markers with nothing but comments hold no manifest either (not "a null document").
    expect(only('---\n')).toEqual([{ ruleId: RULE, messageId: 'noDocument', line: 1, column: 1, endLine: 1, endColumn: 1 }]);
    expect(only('# a\n---\n# b\n---\n')).toEqual([{ ruleId: RULE, messageId: 'noDocument', line: 1, column: 1, endLine: 1, endColumn: 1 }]);
  });

  it('refuses __proto__, constructor and prototype keys without polluting anything', () => {
    const text = `${VALID}__proto__: {polluted: true}\nconstructor: x\n`;
    expect(only(text)).toEqual([at(RULE, 'forbiddenKey', text, '__proto__'), at(RULE, 'forbiddenKey', text, 'constructor')]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const labels = edit(VALID, { set: { 'metadata.labels.prototype': 'x' } });
    expect(only(labels)).toEqual([at(RULE, 'forbiddenKey', labels, 'prototype')]);
  });

  it('refuses complex keys and merge keys', () => {
    const complex = `${VALID}? [a, b]\n: c\n`;
    expect(only(complex)).toEqual([at(RULE, 'complexKey', complex, '[a, b]')]);
    const merge = `${VALID.replace('metadata:', 'base: &base {team: x}\nmetadata:')}`.replace('  owner:\n', '  owner:\n    <<: *base\n');
    expect(only(merge).map((f) => f.messageId).sort()).toEqual(['unknownKey', 'unknownKey']);
  });

  it('never quotes a value that looks like a credential', () => {
    const text = VALID.replace('classification: confidential', 'classification: AKIAIOSFODNN7EXAMPLE');
    const [m] = messages(text);
    expect(m).toContain('a value that looks like a credential (20 characters, not shown)');
    expect(m).not.toContain('AKIA');
  });

  it('locates 40,000 unknown keys of one mapping in linear time, each at its key', () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  k${i}: v`);
    const text = VALID.replace('spec:\n', `spec:\n${keys.join('\n')}\n`);
    const started = Date.now();
    const found = only(text);
    expect(Date.now() - started).toBeLessThan(12_000); // 5 s here; 150 s when each key was searched from the start
    expect(found).toHaveLength(40_000);
    const first = text.indexOf('  k0:').valueOf();
    const line = text.slice(0, first).split('\n').length;
    expect(found[0]).toEqual({ ruleId: RULE, messageId: 'unknownKey', line, column: 3, endLine: line, endColumn: 5 });
    expect(found[39_999]).toEqual({ ruleId: RULE, messageId: 'unknownKey', line: line + 39_999, column: 3, endLine: line + 39_999, endColumn: 9 });
  });

  it('gives a document that fails the schema only schema findings (and secrets)', () => {
    const text = edit(VALID, { set: { 'spec.sso.protocol': 'none', 'spec.lifecycle': 'live' }, remove: ['metadata.owner.business'] });
    expect(new Set(lintText(text).messages.map((m) => m.ruleId))).toEqual(new Set([RULE]));
  });

  it('reports a "<…>" placeholder left anywhere, once, at the value, and keeps the document from every rule', () => {
    const text = edit(VALID, {
      set: {
        'metadata.displayName': '<Name shown on the Okta dashboard>',
        'metadata.owner.business': '<e-mail of the business owner>',
        'metadata.labels.department': '<department>',
        'spec.access.groups': ['sales', '<okta-group-name>'],
        'spec.x-note': '<anything>',
      },
    });
    const result = lintText(text);
    expect(findings(result)).toEqual([
      at(RULE, 'placeholder', text, '<Name shown on the Okta dashboard>'),
      at(RULE, 'placeholder', text, '<e-mail of the business owner>'),
      at(RULE, 'placeholder', text, '<department>'),
      at(RULE, 'placeholder', text, '<okta-group-name>'),
      at(RULE, 'placeholder', text, '<anything>'),
    ]);
    expect(result.messages[0]!.message).toBe('`metadata.displayName` is still a placeholder, "<Name shown on the Okta dashboard>": replace it with the real value.');
    expect(result.documents[0]!.manifest).toBeUndefined();
    // Angle brackets inside a value, or a lone one, are text.
    expect(only(edit(VALID, { set: { 'metadata.description': 'Maps <tag> to <tag>', 'metadata.displayName': '<b' } }))).toEqual([]);
  });

  it('reports a document that is not a saasgov manifest once, not a finding for each of its keys', () => {
    const k8s = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n';
    expect(only(k8s)).toEqual([at(RULE, 'notManifest', k8s, 'apps/v1')]);
    expect(messages(k8s)).toEqual([
      'This is not a saasgov manifest: `apiVersion` is "apps/v1", not `saasgov.dev/v1`, and `kind` is not `SaaSApp`. Start a manifest with `apiVersion: saasgov.dev/v1` and `kind: SaaSApp`; if the file is something else, keep it out of the linted paths (name the paths, or list it under `ignores` in saasgov.config.yaml).',
    ]);
    const compose = 'services:\n  web: {image: nginx}\n';
    expect(lintText(compose).messages.map((m) => [m.messageId, m.line, m.column])).toEqual([['notManifest', 1, 1]]);
    // A document that claims to be a manifest is checked field by field.
    expect(only(VALID.replace('apiVersion: saasgov.dev/v1\n', '')).map((f) => f.messageId)).toEqual(['required']);
    expect(only(VALID.replace('apiVersion: saasgov.dev/v1', 'apiVersion: saasgov.dev/v2')).map((f) => f.messageId)).toEqual(['literal']);
  });
});
