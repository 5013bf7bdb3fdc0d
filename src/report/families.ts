/**
 * The report's control families (the columns of the posture matrix) and when
 * each rule applies to an app. "Not applicable" is decided here, from the
 * manifest, with the conditions the rules themselves use: each predicate calls
 * a helper of `src/manifest/facts.ts` or a predicate exported by the rule's
 * module, never a second copy of a rule's logic.
 *
 * A rule *applies* to an app when the app is inside the rule's scope: the rule
 * would report a finding if the app did not meet its control. A rule that is
 * `off` for the app's file applies to nothing.
 */
import type { RuleSettings } from '../engine/rule';
import { classifiedAtLeast, hasPersonalData, isSensitive } from '../manifest/facts';
import type { Manifest } from '../manifest/schema';
import { backupExpected } from '../../rules/backup/required';
import { hasBackup } from '../../rules/backup/retention';
import { scimTriggers } from '../../rules/provisioning/scim';
import { allowedRegionsFor, type AllowedRegionsOptions } from '../../rules/residency/allowed-regions';
import { hasEeaPersonalData } from '../../rules/residency/transfers';

/** Column ids of the posture matrix, in column order. */
export const FAMILY_IDS = ['sso', 'mfa', 'provisioning', 'backup', 'residency', 'vendor', 'ownership', 'other'] as const;
export type FamilyId = (typeof FAMILY_IDS)[number];

/** A control family: a column of the matrix. */
export interface Family {
  readonly id: FamilyId;
  /** Column heading. */
  readonly label: string;
  /** What the column answers, one line. */
  readonly description: string;
  /** The rules whose findings the column shows (`other`: every rule no other family lists). */
  readonly rules: readonly string[];
}

/**
 * The families. Every rule belongs to exactly one: the seven control families
 * of the issue list theirs, and `other` takes the rest (manifest validity,
 * secrets, PoC lifecycle, waivers), so no finding is left out of the matrix.
 */
export const FAMILIES: readonly Family[] = [
  {
    id: 'sso',
    label: 'SSO',
    description: 'Sign-in through Okta with SAML or OIDC, no password vaulting, local login disabled, hardened SAML/OIDC settings',
    rules: ['sso/required', 'sso/no-password-vaulting', 'sso/enforced', 'sso/saml-hardening', 'sso/oidc-hardening'],
  },
  { id: 'mfa', label: 'MFA', description: 'Multi-factor authentication required for sensitive data', rules: ['sso/mfa'] },
  {
    id: 'provisioning',
    label: 'SCIM / deprovisioning',
    description: 'Accounts created and removed through SCIM, or a committed deprovisioning process; access through Okta groups',
    rules: ['provisioning/scim', 'provisioning/deprovisioning', 'provisioning/group-assignment'],
  },
  {
    id: 'backup',
    label: 'Backup',
    description: 'Production data backed up, kept long enough, and restores tested',
    rules: ['backup/required', 'backup/retention', 'backup/restore-tested'],
  },
  {
    id: 'residency',
    label: 'Residency',
    description: 'Where sensitive data lives is declared, inside the allowed regions, and transfers out of the EEA are covered',
    rules: ['residency/declared', 'residency/allowed-regions', 'residency/transfers'],
  },
  { id: 'vendor', label: 'Vendor assurance', description: 'Signed DPA and an independent audit (SOC 2 Type II or ISO 27001)', rules: ['vendor/assurance'] },
  { id: 'ownership', label: 'Ownership', description: 'A business and a technical owner are named', rules: ['ownership/owners'] },
  {
    id: 'other',
    label: 'Other rules',
    description: 'Manifest validity and unique names, inline secrets, PoC lifecycle, waivers',
    rules: [
      'lifecycle/poc-data',
      'lifecycle/poc-expiry',
      'manifest/schema',
      'manifest/syntax',
      'manifest/unique-name',
      'secrets/no-inline-secrets',
      'waiver/expiring',
      'waiver/unused',
      'waiver/valid',
    ],
  },
];

export const FAMILIES_BY_ID: ReadonlyMap<FamilyId, Family> = new Map(FAMILIES.map((f) => [f.id, f]));

const FAMILY_OF_RULE: ReadonlyMap<string, FamilyId> = new Map(FAMILIES.flatMap((f) => f.rules.map((r) => [r, f.id] as const)));

/** The family whose column shows `ruleId`'s findings; a rule no family lists (a future rule) goes to `other`. */
export function familyOf(ruleId: string): FamilyId {
  return FAMILY_OF_RULE.get(ruleId) ?? 'other';
}

/** Whether a rule is in scope for a manifest, given the rule's options in effect. */
type Scope = (manifest: Manifest, options: unknown) => boolean;

const always: Scope = () => true;
const isPoc = (m: Manifest): boolean => m.spec.lifecycle === 'poc';
const hasWaivers = (m: Manifest): boolean => (m.spec.waivers ?? []).length > 0;

/** The scope of every rule: the conditions of SPEC §2.1 before the control itself is checked. */
export const RULE_SCOPES: Readonly<Record<string, Scope>> = {
  'backup/required': (m) => backupExpected(m),
  'backup/restore-tested': (m) => backupExpected(m),
  'backup/retention': (m) => hasBackup(m),
  'lifecycle/poc-data': (m) => isPoc(m) && isSensitive(m),
  'lifecycle/poc-expiry': (m) => isPoc(m),
  'manifest/schema': always,
  'manifest/syntax': always,
  'manifest/unique-name': always,
  'ownership/owners': always,
  'provisioning/deprovisioning': always,
  'provisioning/group-assignment': (m) => classifiedAtLeast(m, 'internal'),
  'provisioning/scim': (m, o) => {
    const t = scimTriggers(m, (o as { minSeats: number }).minSeats);
    return t.bySeats || t.sensitive;
  },
  'residency/allowed-regions': (m, o) => allowedRegionsFor(m, o as AllowedRegionsOptions) !== undefined,
  'residency/declared': (m) => isSensitive(m),
  'residency/transfers': (m) => hasEeaPersonalData(m),
  'secrets/no-inline-secrets': always,
  'sso/enforced': (m) => isSensitive(m) && (m.spec.sso.protocol === 'saml' || m.spec.sso.protocol === 'oidc'),
  'sso/mfa': (m) => isSensitive(m),
  'sso/no-password-vaulting': (m) => isSensitive(m),
  'sso/oidc-hardening': (m) => m.spec.sso.protocol === 'oidc',
  'sso/required': (m) => classifiedAtLeast(m, 'internal'),
  'sso/saml-hardening': (m) => m.spec.sso.protocol === 'saml',
  'vendor/assurance': (m) => isSensitive(m) || hasPersonalData(m),
  'waiver/expiring': hasWaivers,
  'waiver/unused': hasWaivers,
  'waiver/valid': hasWaivers,
};

/**
 * Whether `ruleId` applies to `manifest` under `settings` (the file's rule
 * settings): the rule is not `off` and the manifest is in its scope. A rule
 * without a scope predicate (a future rule) applies to every app, so it can
 * never be reported "not applicable" by mistake.
 */
export function ruleApplies(ruleId: string, manifest: Manifest, settings: RuleSettings): boolean {
  const setting = settings.get(ruleId);
  if (!setting || setting.severity === 'off') return false;
  const scope = RULE_SCOPES[ruleId];
  return scope === undefined ? true : scope(manifest, setting.options);
}

/**
 * Whether any rule of the family applies to `manifest`; when none does, the
 * family is "not applicable" to the app. `settings` holds every registered
 * rule, so a rule no family lists counts for `other`.
 */
export function familyApplies(family: FamilyId, manifest: Manifest, settings: RuleSettings): boolean {
  return [...settings.keys()].some((r) => familyOf(r) === family && ruleApplies(r, manifest, settings));
}
