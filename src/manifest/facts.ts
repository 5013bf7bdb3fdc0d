/** Domain facts about a manifest that several rules share (SPEC §2 definitions). */
import { CLASSIFICATIONS, type Classification, type Manifest } from './schema';

/** public < internal < confidential < restricted */
export function classificationRank(c: Classification): number {
  return CLASSIFICATIONS.indexOf(c);
}

/** Whether the app's classification is at least `min`. */
export function classifiedAtLeast(m: Manifest, min: Classification): boolean {
  return classificationRank(m.spec.data.classification) >= classificationRank(min);
}

/** "Sensitive": classification `confidential` or `restricted`. */
export function isSensitive(m: Manifest): boolean {
  return classifiedAtLeast(m, 'confidential');
}

const PERSONAL = new Set(['pii', 'health', 'employee', 'customer']);

/** "Personal data": `data.categories` contains pii, health, employee or customer. */
export function hasPersonalData(m: Manifest): boolean {
  return (m.spec.data.categories ?? []).some((c) => PERSONAL.has(c));
}

/**
 * An OIDC `service` app: a machine signs in with client credentials, no person
 * does, so sign-in MFA does not apply (SPEC §2.1 `sso/mfa`, §7.1) — and Okta
 * rejects an authentication policy on one (terraform-provider-okta issue 2295).
 */
export function isServiceApp(m: Manifest): boolean {
  return m.spec.sso.protocol === 'oidc' && m.spec.sso.oidc?.type === 'service';
}
