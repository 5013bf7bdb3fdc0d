/**
 * Compliance controls each rule family evidences (SPEC §2.2), in one place:
 * rules name their family's list, and the report's evidence section groups by
 * these ids.
 */

const SSO = [
  'SOC 2 CC6.1',
  'ISO 27001:2022 A.5.16',
  'ISO 27001:2022 A.5.17',
  'ISO 27001:2022 A.8.5',
  'NIST 800-53 IA-2',
  'NIST 800-53 IA-5',
  'CIS v8 5.6',
  'CIS v8 6.7',
] as const;

export const CONTROLS = {
  /** manifest/*: the inventory itself. */
  inventory: ['ISO 27001:2022 A.5.9', 'NIST 800-53 CM-8'],
  ownership: ['ISO 27001:2022 A.5.9', 'CIS v8 15.1', 'NIST 800-53 CM-8', 'SOC 2 CC6.1'],
  /** sso/required, sso/no-password-vaulting, sso/enforced. */
  sso: SSO,
  mfa: ['SOC 2 CC6.6', 'NIST 800-53 IA-2(1)', 'NIST 800-53 IA-2(2)', 'CIS v8 6.3', 'CIS v8 6.5', 'ISO 27001:2022 A.8.5'],
  /** sso/saml-hardening, sso/oidc-hardening. */
  protocolHardening: ['ISO 27001:2022 A.8.5', 'ISO 27001:2022 A.8.24', 'OWASP SAML Security Cheat Sheet', 'RFC 9700'],
  provisioning: [
    'SOC 2 CC6.2',
    'SOC 2 CC6.3',
    'ISO 27001:2022 A.5.18',
    'NIST 800-53 AC-2(1)',
    'NIST 800-53 PS-4',
    'CIS v8 6.1',
    'CIS v8 6.2',
    'CIS v8 6.8',
  ],
  backup: [
    'SOC 2 A1.2',
    'SOC 2 A1.3',
    'ISO 27001:2022 A.8.13',
    'NIST 800-53 CP-9',
    'NIST 800-53 CP-9(1)',
    'CIS v8 11.2',
    'CIS v8 11.5',
    'GDPR Art. 32(1)(c)',
  ],
  residency: ['NIST 800-53 SA-9(5)', 'ISO 27001:2022 A.5.23', 'ISO 27001:2022 A.5.34', 'CIS v8 3.8', 'GDPR Art. 44', 'GDPR Art. 45', 'GDPR Art. 46'],
  lifecycle: ['ISO 27001:2022 A.5.23', 'NIST 800-53 AC-20'],
  vendor: ['GDPR Art. 28', 'SOC 2 CC9.2', 'ISO 27001:2022 A.5.19', 'ISO 27001:2022 A.5.20', 'CIS v8 15.4', 'CIS v8 15.5'],
  secrets: ['ISO 27001:2022 A.5.17', 'NIST 800-53 IA-5'],
  waiver: ['SOC 2 CC9.2', 'ISO 27001:2022 A.5.31'],
  /** okta/ungoverned-app, okta/missing-app: the inventory against what really runs (software inventory, unauthorised software). */
  orgInventory: ['ISO 27001:2022 A.5.9', 'CIS v8 2.1', 'CIS v8 2.3', 'NIST 800-53 CM-8', 'NIST 800-53 CM-8(3)', 'SOC 2 CC6.1'],
  /** okta/drift, okta/changed-outside: the configuration as declared, changed only through the pipeline. */
  orgChange: ['ISO 27001:2022 A.8.9', 'ISO 27001:2022 A.8.32', 'NIST 800-53 CM-2', 'NIST 800-53 CM-3', 'NIST 800-53 CM-6', 'SOC 2 CC8.1', 'CIS v8 4.1'],
} as const satisfies Record<string, readonly string[]>;
