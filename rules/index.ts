/**
 * The rule registry: every rule, listed explicitly and sorted by id. A rule's
 * id is the path of its file under `rules/`, and its documentation sits beside
 * it (`rules/<category>/<name>.md`).
 */
import type { AnyRule } from '../src/engine/rule';
import { rule as manifestSchema } from './manifest/schema';
import { rule as manifestSyntax } from './manifest/syntax';
import { rule as manifestUniqueName } from './manifest/unique-name';
import { rule as ownershipOwners } from './ownership/owners';
import { rule as provisioningDeprovisioning } from './provisioning/deprovisioning';
import { rule as provisioningGroupAssignment } from './provisioning/group-assignment';
import { rule as provisioningScim } from './provisioning/scim';
import { rule as secretsNoInlineSecrets } from './secrets/no-inline-secrets';
import { rule as ssoEnforced } from './sso/enforced';
import { rule as ssoMfa } from './sso/mfa';
import { rule as ssoNoPasswordVaulting } from './sso/no-password-vaulting';
import { rule as ssoOidcHardening } from './sso/oidc-hardening';
import { rule as ssoRequired } from './sso/required';
import { rule as ssoSamlHardening } from './sso/saml-hardening';
import { rule as waiverExpiring } from './waiver/expiring';
import { rule as waiverUnused } from './waiver/unused';
import { rule as waiverValid } from './waiver/valid';

/** Every rule, sorted by id. */
export const RULES: readonly AnyRule[] = [
  manifestSchema,
  manifestSyntax,
  manifestUniqueName,
  ownershipOwners,
  provisioningDeprovisioning,
  provisioningGroupAssignment,
  provisioningScim,
  secretsNoInlineSecrets,
  ssoEnforced,
  ssoMfa,
  ssoNoPasswordVaulting,
  ssoOidcHardening,
  ssoRequired,
  ssoSamlHardening,
  waiverExpiring,
  waiverUnused,
  waiverValid,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Rules by id. */
export const RULES_BY_ID: ReadonlyMap<string, AnyRule> = new Map(RULES.map((r) => [r.id, r]));
