/**
 * The rule registry: every rule, listed explicitly and sorted by id. A rule's
 * id is the path of its file under `rules/`, and its documentation sits beside
 * it (`rules/<category>/<name>.md`).
 */
import type { AnyRule } from '../src/engine/rule';
import { rule as backupRequired } from './backup/required';
import { rule as backupRestoreTested } from './backup/restore-tested';
import { rule as backupRetention } from './backup/retention';
import { rule as lifecyclePocData } from './lifecycle/poc-data';
import { rule as lifecyclePocExpiry } from './lifecycle/poc-expiry';
import { rule as manifestSchema } from './manifest/schema';
import { rule as manifestSyntax } from './manifest/syntax';
import { rule as manifestUniqueName } from './manifest/unique-name';
import { rule as oktaChangedOutside } from './okta/changed-outside';
import { rule as oktaDrift } from './okta/drift';
import { rule as oktaMissingApp } from './okta/missing-app';
import { rule as oktaUngovernedApp } from './okta/ungoverned-app';
import { rule as ownershipOwners } from './ownership/owners';
import { rule as provisioningDeprovisioning } from './provisioning/deprovisioning';
import { rule as provisioningGroupAssignment } from './provisioning/group-assignment';
import { rule as provisioningScim } from './provisioning/scim';
import { rule as residencyAllowedRegions } from './residency/allowed-regions';
import { rule as residencyDeclared } from './residency/declared';
import { rule as residencyTransfers } from './residency/transfers';
import { rule as secretsNoInlineSecrets } from './secrets/no-inline-secrets';
import { rule as ssoEnforced } from './sso/enforced';
import { rule as ssoMfa } from './sso/mfa';
import { rule as ssoNoPasswordVaulting } from './sso/no-password-vaulting';
import { rule as ssoOidcHardening } from './sso/oidc-hardening';
import { rule as ssoRequired } from './sso/required';
import { rule as ssoSamlHardening } from './sso/saml-hardening';
import { rule as vendorAssurance } from './vendor/assurance';
import { rule as waiverExpiring } from './waiver/expiring';
import { rule as waiverUnused } from './waiver/unused';
import { rule as waiverValid } from './waiver/valid';

/** Every rule, sorted by id. */
export const RULES: readonly AnyRule[] = [
  backupRequired,
  backupRestoreTested,
  backupRetention,
  lifecyclePocData,
  lifecyclePocExpiry,
  manifestSchema,
  manifestSyntax,
  manifestUniqueName,
  oktaChangedOutside,
  oktaDrift,
  oktaMissingApp,
  oktaUngovernedApp,
  ownershipOwners,
  provisioningDeprovisioning,
  provisioningGroupAssignment,
  provisioningScim,
  residencyAllowedRegions,
  residencyDeclared,
  residencyTransfers,
  secretsNoInlineSecrets,
  ssoEnforced,
  ssoMfa,
  ssoNoPasswordVaulting,
  ssoOidcHardening,
  ssoRequired,
  ssoSamlHardening,
  vendorAssurance,
  waiverExpiring,
  waiverUnused,
  waiverValid,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Rules by id. */
export const RULES_BY_ID: ReadonlyMap<string, AnyRule> = new Map(RULES.map((r) => [r.id, r]));
