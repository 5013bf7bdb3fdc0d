/** Org snapshots for tests without a server: an app is its id and label, and whatever facts a test sets. */
import type { OrgApp, OrgLogEntry, OrgSnapshot } from '../../src/okta-api/org';

export const ORG_URL = 'https://acme.okta.com';

/** An active custom SAML app with no groups, MFA optional, and `facts` on top. */
export function orgApp(facts: Partial<OrgApp> & { id: string }): OrgApp {
  return {
    name: 'acme_app_1',
    label: facts.id,
    status: 'ACTIVE',
    signOnMode: 'SAML_2_0',
    created: '2026-01-01T00:00:00.000Z',
    firstParty: false,
    oinKey: null,
    protocol: 'saml',
    settings: null,
    saml: null,
    oidc: null,
    url: null,
    groups: [],
    mfa: 'optional',
    policyId: null,
    scimFeatures: [],
    adminUrl: `https://acme-admin.okta.com/admin/app/${facts.name ?? 'acme_app_1'}/instance/${facts.id}/`,
    ...facts,
  };
}

/** A snapshot from partial apps and log entries. */
export function orgSnapshot(spec: { apps?: (Partial<OrgApp> & { id: string })[]; log?: OrgLogEntry[] }): OrgSnapshot {
  return { orgUrl: ORG_URL, apps: (spec.apps ?? []).map(orgApp), log: spec.log ?? null };
}
