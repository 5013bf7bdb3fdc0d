/**
 * The starter manifest `saasgov new` writes: every field the recommended rules
 * (SPEC §2.1) look at for the chosen classification and SSO protocol, with a
 * comment naming the rule that needs it. Facts only the team knows (owners,
 * URLs, dates, what the vendor signed) are `"<…>"` placeholders: any
 * placeholder left anywhere is a `manifest/schema` finding (src/manifest/validate.ts),
 * so an unfilled starter never passes lint and is never provisioned.
 */
import { type Classification, type PROTOCOLS } from './schema';

export type Protocol = (typeof PROTOCOLS)[number];

/** A placeholder: a value that is all `<…>`, as the starter (and `import okta`) write them for a person to fill in. */
export const isPlaceholder = (value: unknown): boolean => typeof value === 'string' && value.length >= 2 && value.startsWith('<') && value.endsWith('>') && !/[<>]/.test(value.slice(1, -1));

export interface StarterOptions {
  /** `metadata.name` (already checked against the name pattern). */
  readonly name: string;
  readonly classification: Classification;
  readonly protocol: Protocol;
  /** A JSON Schema location for a `# yaml-language-server: $schema=` line. */
  readonly schema?: string;
}

/** Backup retention the starter asks for: at least `backup/retention`'s default minimum for the classification. */
export const STARTER_RETENTION_DAYS: Readonly<Record<Classification, number>> = { public: 30, internal: 30, confidential: 90, restricted: 365 };

const SENSITIVE: readonly Classification[] = ['confidential', 'restricted'];

/**
 * Why a classification and protocol cannot make a passing manifest, or
 * `undefined` when they can.
 */
export function starterConflict(classification: Classification, protocol: Protocol): string | undefined {
  if (protocol === 'none' && classification !== 'public') {
    return `an app with ${classification} data needs single sign-on (rule sso/required): choose --protocol saml or oidc`;
  }
  if (protocol === 'swa' && SENSITIVE.includes(classification)) {
    return `password vaulting (swa) is not allowed for ${classification} data (rule sso/no-password-vaulting): choose --protocol saml or oidc`;
  }
  return undefined;
}

function ssoLines(protocol: Protocol): string[] {
  const lines = ['  sso:', `    protocol: ${protocol}`];
  if (protocol === 'saml' || protocol === 'oidc') {
    lines.push('    enforced: true              # sso/enforced: local password login is switched off at the vendor');
  }
  if (protocol !== 'none') lines.push('    mfa: required               # sso/mfa: Okta asks for a second factor');
  if (protocol === 'saml') {
    lines.push(
      '    # An Okta Integration Network app? Name it instead of the saml block:',
      '    # okta:',
      '    #   preconfiguredApp: salesforce',
      '    saml:                       # sso/saml-hardening: https ACS URL, SHA-256 signatures (the defaults)',
      '      acsUrl: "<https://your-tenant.vendor.example/sso/saml>"',
      '      audience: "<https://your-tenant.vendor.example>"',
    );
  } else if (protocol === 'oidc') {
    lines.push(
      '    oidc:                       # sso/oidc-hardening: https redirect URIs, authorization code with PKCE',
      '      type: web                 # web | native | browser | service',
      '      redirectUris: ["<https://your-tenant.vendor.example/oidc/callback>"]',
      '      grantTypes: [authorization_code]',
    );
  } else if (protocol === 'swa') {
    lines.push('    # swa (password vaulting) is a stopgap: ask the vendor for SAML or OIDC');
  }
  return lines;
}

function provisioningLines(protocol: Protocol): string[] {
  if (protocol === 'saml' || protocol === 'oidc') {
    return [
      '  provisioning:',
      '    scim:                       # provisioning/scim: Okta creates and deactivates accounts',
      '      enabled: true',
      '      features: [create, update, deactivate, push-groups]',
      '    deprovisioning:             # provisioning/deprovisioning: leavers lose access the day they leave',
      '      method: automatic',
      '  access:',
      '    groups: ["<okta-group-name>"]   # provisioning/group-assignment: who gets the app',
    ];
  }
  const lines = [
    '  provisioning:',
    '    deprovisioning:             # provisioning/deprovisioning: without SCIM, IT removes leavers by hand',
    '      method: manual',
    '      slaHours: 24              # at most 24 hours after someone leaves',
  ];
  if (protocol === 'swa') lines.push('  access:', '    groups: ["<okta-group-name>"]   # provisioning/group-assignment: who gets the app');
  return lines;
}

/** The starter manifest's text (YAML with comments). */
export function starterManifest(options: StarterOptions): string {
  const { name, classification, protocol } = options;
  const retention = STARTER_RETENTION_DAYS[classification];
  return [
    ...(options.schema !== undefined ? [`# yaml-language-server: $schema=${options.schema}`] : []),
    `# ${name}: SaaS app manifest (saasgov.dev/v1), started with \`saasgov new\`.`,
    '# Replace every "<…>" placeholder with the real value (placeholders fail the',
    `# schema until then), then run: saasgov lint <this file>`,
    '# Fields: saasgov schema. Rules and why they exist: saasgov rules, saasgov explain <rule-id>.',
    'apiVersion: saasgov.dev/v1',
    'kind: SaaSApp',
    'metadata:',
    `  name: ${name}`,
    '  displayName: "<Name shown on the Okta dashboard>"',
    '  description: "<What the app is used for, and by whom>"',
    '  owner:                        # ownership/owners: who answers for the app',
    '    team: "<owning-team>"',
    '    business: "<e-mail of the business owner>"     # accountable for the app, its cost and its data',
    '    technical: "<e-mail of the technical owner>"   # administers the app and its SSO',
    'spec:',
    '  vendor: "<Vendor name>"',
    '  url: "<https://your-tenant.vendor.example>"',
    '  plan: "<Plan or tier bought>"',
    '  lifecycle: production         # poc (then add pocEnds: YYYY-MM-DD, at most 90 days ahead) | production | deprecated',
    '  data:',
    `    classification: ${classification}   # public | internal | confidential | restricted`,
    '    # categories: [pii, customer]     # personal data (pii, health, employee, customer): needs a signed DPA',
    '    # subjects: [eu]                  # where the people in the data live (residency/transfers)',
    ...ssoLines(protocol),
    ...provisioningLines(protocol),
    '  backup:                       # backup/required: production data is backed up',
    '    strategy: "<vendor-native or third-party>"',
    '    provider: "<Backup provider or the vendor>"',
    '    frequency: daily',
    `    retentionDays: "<days backups are kept: at least ${retention}>"   # backup/retention`,
    '    lastRestoreTest: "<YYYY-MM-DD of the last successful restore test>"   # backup/restore-tested: within a year',
    '  residency:                    # residency/declared: everywhere the data is stored or processed, backups included',
    '    regions: ["<region code: eu, us, de, ...>"]',
    '    # transferMechanism: scc      # needed when EU personal data is stored outside the EEA and adequate countries',
    '  vendorAssurance:              # vendor/assurance: a signed DPA and an independent audit',
    '    dpaSigned: "<true once the data processing agreement is signed>"',
    '    certifications: ["<soc2-type2 or iso27001>"]',
    '',
  ].join('\n');
}
