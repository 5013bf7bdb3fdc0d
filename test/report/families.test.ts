/**
 * The family table and the applicability predicates: every rule belongs to one
 * family and has a scope; scopes match SPEC §2.1 on hand-written manifests;
 * and no rule ever reports a finding on an app its scope says it does not
 * apply to (checked on generated inventories and the fixtures).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigResolver } from '../../src/config/resolve';
import { judgesManifests } from '../../src/engine/rule';
import type { Manifest } from '../../src/manifest/schema';
import { FAMILIES, FAMILY_IDS, familyApplies, familyOf, RULE_SCOPES, ruleApplies, type FamilyId } from '../../src/report/families';
import { RULES, RULES_BY_ID } from '../../rules';
import { AS_OF, configFromText, edit, lintFiles, VALID } from '../helpers';
import { generateInventory } from './inventory';

const settings = (config = '{}') => new ConfigResolver(configFromText(config), RULES_BY_ID, AS_OF).settingsFor('/repo/apps/a.yaml');

/** The typed manifest of `text` (which must match the schema). */
function manifestOf(text: string): Manifest {
  const m = lintFiles({ 'apps/a.yaml': text })[0]!.documents[0]!.manifest;
  if (!m) throw new Error('not a valid manifest');
  return m;
}

const applies = (family: FamilyId, text: string, config?: string) => familyApplies(family, manifestOf(text), settings(config));

describe('the family table', () => {
  it('puts every registered rule in exactly one family, and gives every rule a scope', () => {
    const listed = FAMILIES.flatMap((f) => f.rules).sort();
    // The org rules (okta/*) judge the org, not manifests: the report leaves them out (test/report/build.test.ts).
    const judging = RULES.filter(judgesManifests).map((r) => r.id).sort();
    expect(listed).toEqual(judging);
    expect(Object.keys(RULE_SCOPES).sort()).toEqual(judging);
    expect(FAMILIES.map((f) => f.id)).toEqual([...FAMILY_IDS]);
    expect(familyOf('sso/mfa')).toBe('mfa');
    expect(familyOf('provisioning/group-assignment')).toBe('provisioning');
    expect(familyOf('future/rule')).toBe('other');
  });
});

describe('applicability', () => {
  const INTERNAL = edit(VALID, { set: { 'spec.data.classification': 'internal', 'spec.data.categories': [] } });
  const PUBLIC = edit(INTERNAL, { set: { 'spec.data.classification': 'public' } });

  it('SSO: internal or more sensitive data, or any SAML/OIDC app; not a public app without SSO or with password vaulting', () => {
    expect(applies('sso', VALID)).toBe(true);
    expect(applies('sso', edit(INTERNAL, { set: { 'spec.sso.protocol': 'none' }, remove: ['spec.sso.okta'] }))).toBe(true);
    expect(applies('sso', edit(PUBLIC, { set: { 'spec.sso.protocol': 'none' }, remove: ['spec.sso.okta'] }))).toBe(false);
    expect(applies('sso', edit(PUBLIC, { set: { 'spec.sso.protocol': 'swa' }, remove: ['spec.sso.okta'] }))).toBe(false);
    expect(applies('sso', PUBLIC)).toBe(true); // SAML: sso/saml-hardening applies
  });

  it('MFA: confidential or restricted data only', () => {
    expect(applies('mfa', VALID)).toBe(true);
    expect(applies('mfa', edit(VALID, { set: { 'spec.data.classification': 'restricted' } }))).toBe(true);
    expect(applies('mfa', INTERNAL)).toBe(false);
    expect(applies('mfa', PUBLIC)).toBe(false);
  });

  it('SCIM/deprovisioning: every app (deprovisioning); SCIM itself from minSeats or for sensitive data', () => {
    expect(applies('provisioning', PUBLIC)).toBe(true);
    const small = edit(PUBLIC, { set: { 'spec.seats': 3 } });
    const m = manifestOf(small);
    expect(ruleApplies('provisioning/scim', m, settings())).toBe(false);
    expect(ruleApplies('provisioning/scim', m, settings('rules:\n  provisioning/scim: [error, {minSeats: 2}]\n'))).toBe(true);
    expect(ruleApplies('provisioning/scim', manifestOf(edit(VALID, { set: { 'spec.seats': 3 } })), settings())).toBe(true);
    expect(ruleApplies('provisioning/group-assignment', m, settings())).toBe(false);
  });

  it('backup: production apps with internal or more sensitive data, or any declared backup (retention)', () => {
    expect(applies('backup', VALID)).toBe(true);
    expect(applies('backup', edit(INTERNAL, { remove: ['spec.backup'] }))).toBe(true);
    expect(applies('backup', edit(PUBLIC, { remove: ['spec.backup'] }))).toBe(false);
    expect(applies('backup', edit(VALID, { set: { 'spec.lifecycle': 'poc', 'spec.pocEnds': '2027-01-15' }, remove: ['spec.backup'] }))).toBe(false);
    expect(applies('backup', edit(VALID, { set: { 'spec.lifecycle': 'deprecated' }, remove: ['spec.backup'] }))).toBe(false);
    // A PoC that declares a backup is checked for retention.
    expect(applies('backup', edit(VALID, { set: { 'spec.lifecycle': 'poc', 'spec.pocEnds': '2027-01-15' } }))).toBe(true);
    expect(applies('backup', edit(PUBLIC, { set: { 'spec.backup.strategy': 'none' } }))).toBe(false);
  });

  it('residency: sensitive data, personal data of people in the EEA, or a classification the allowed option names', () => {
    expect(applies('residency', VALID)).toBe(true);
    expect(applies('residency', INTERNAL)).toBe(false);
    expect(applies('residency', edit(INTERNAL, { set: { 'spec.data.categories': ['employee'] } }))).toBe(true);
    expect(applies('residency', edit(INTERNAL, { set: { 'spec.data.categories': ['employee'], 'spec.data.subjects': ['us'] } }))).toBe(false);
    expect(applies('residency', INTERNAL, 'rules:\n  residency/allowed-regions: [error, {allowed: {internal: [eea]}}]\n')).toBe(true);
    expect(applies('residency', INTERNAL, 'rules:\n  residency/allowed-regions: [error, {allowed: {restricted: [eea]}}]\n')).toBe(false);
  });

  it('vendor assurance: sensitive or personal data', () => {
    expect(applies('vendor', VALID)).toBe(true);
    expect(applies('vendor', INTERNAL)).toBe(false);
    expect(applies('vendor', edit(PUBLIC, { set: { 'spec.data.categories': ['pii'] } }))).toBe(true);
  });

  it('ownership: every app; other: every app (manifest, secrets), PoC and waiver rules only when relevant', () => {
    expect(applies('ownership', PUBLIC)).toBe(true);
    expect(applies('other', PUBLIC)).toBe(true);
    const m = manifestOf(PUBLIC);
    expect(ruleApplies('lifecycle/poc-expiry', m, settings())).toBe(false);
    expect(ruleApplies('waiver/valid', m, settings())).toBe(false);
    expect(ruleApplies('lifecycle/poc-expiry', manifestOf(edit(PUBLIC, { set: { 'spec.lifecycle': 'poc', 'spec.pocEnds': '2027-01-15' } })), settings())).toBe(true);
  });

  it('a rule that is off applies to nothing', () => {
    expect(applies('mfa', VALID, 'rules:\n  sso/mfa: off\n')).toBe(false);
    expect(applies('ownership', VALID, 'rules:\n  ownership/owners: off\n')).toBe(false);
  });
});

describe('scopes agree with the rules', () => {
  it('no rule reports a finding on a manifest outside its scope (generated inventories and fixtures)', () => {
    const fixtures = path.resolve(__dirname, '../fixtures/report/apps');
    const inventories: Record<string, string>[] = [
      Object.fromEntries(readdirSync(fixtures).map((f) => [`apps/${f}`, readFileSync(path.join(fixtures, f), 'utf8')])),
      ...[11, 12, 13, 14].map((seed) => Object.fromEntries(generateInventory(50, seed, AS_OF).map((g) => [g.file, g.text]))),
    ];
    let checked = 0;
    for (const files of inventories) {
      for (const result of lintFiles(files)) {
        for (const doc of result.documents) {
          if (!doc.manifest) continue;
          for (const m of [...result.messages, ...result.suppressedMessages].filter((x) => x.document === doc.index)) {
            expect({ rule: m.ruleId, app: doc.app, applies: ruleApplies(m.ruleId, doc.manifest, settings()) }).toEqual({ rule: m.ruleId, app: doc.app, applies: true });
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});
