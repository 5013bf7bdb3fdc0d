/** Every rule evidences at least the compliance controls SPEC §2.2 lists for it. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules';

const ISO = (c: string) => `ISO 27001:2022 ${c}`;
const NIST = (c: string) => `NIST 800-53 ${c}`;
const CIS = (c: string) => `CIS v8 ${c}`;
const SOC2 = (c: string) => `SOC 2 ${c}`;

/** SPEC §2.2, row by row. */
const SPEC: [RegExp, string[]][] = [
  [/^ownership\/owners$/, [ISO('A.5.9'), CIS('15.1'), NIST('CM-8'), SOC2('CC6.1')]],
  [/^sso\/(required|no-password-vaulting|enforced)$/, [SOC2('CC6.1'), ISO('A.5.16'), ISO('A.5.17'), ISO('A.8.5'), NIST('IA-2'), NIST('IA-5'), CIS('5.6'), CIS('6.7')]],
  [/^sso\/mfa$/, [SOC2('CC6.6'), NIST('IA-2(1)'), NIST('IA-2(2)'), CIS('6.3'), CIS('6.5'), ISO('A.8.5')]],
  [/^sso\/(saml|oidc)-hardening$/, [ISO('A.8.5'), ISO('A.8.24'), 'OWASP SAML Security Cheat Sheet', 'RFC 9700']],
  [/^provisioning\//, [SOC2('CC6.2'), SOC2('CC6.3'), ISO('A.5.18'), NIST('AC-2(1)'), NIST('PS-4'), CIS('6.1'), CIS('6.2'), CIS('6.8')]],
  [/^backup\//, [SOC2('A1.2'), SOC2('A1.3'), ISO('A.8.13'), NIST('CP-9'), NIST('CP-9(1)'), CIS('11.2'), CIS('11.5'), 'GDPR Art. 32(1)(c)']],
  [/^residency\//, [NIST('SA-9(5)'), ISO('A.5.23'), ISO('A.5.34'), CIS('3.8'), 'GDPR Art. 44', 'GDPR Art. 45', 'GDPR Art. 46']],
  [/^lifecycle\//, [ISO('A.5.23'), NIST('AC-20')]],
  [/^vendor\/assurance$/, ['GDPR Art. 28', SOC2('CC9.2'), ISO('A.5.19'), ISO('A.5.20'), CIS('15.4'), CIS('15.5')]],
  [/^secrets\/no-inline-secrets$/, [ISO('A.5.17'), NIST('IA-5')]],
  [/^waiver\//, [SOC2('CC9.2'), ISO('A.5.31')]],
  // Not in §2.2 (the org rules came with §9): the inventory of software that runs, and change control.
  [/^okta\/(ungoverned|missing)-app$/, [ISO('A.5.9'), CIS('2.1'), NIST('CM-8')]],
  [/^okta\/(drift|changed-outside)$/, [ISO('A.8.9'), NIST('CM-3'), SOC2('CC8.1')]],
];

describe('compliance controls', () => {
  it.each(RULES.map((r) => [r.id, r] as const))('%s evidences the controls of SPEC §2.2', (id, rule) => {
    const row = SPEC.find(([re]) => re.test(id));
    if (row) expect(rule.controls).toEqual(expect.arrayContaining(row[1]));
    else expect(id).toMatch(/^manifest\//); // the inventory rules, which §2.2 does not list
    expect(rule.controls.length).toBeGreaterThan(0);
    for (const c of rule.controls) expect(c).toMatch(/^(SOC 2|ISO 27001:2022|NIST 800-53|CIS v8|GDPR Art\.) |^OWASP |^RFC /);
  });
});
