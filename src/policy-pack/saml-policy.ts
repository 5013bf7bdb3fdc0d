/**
 * `okta-saml-hardening`: the linter's `sso/saml-hardening` (the same
 * `checkSaml`) on `okta.app.Saml` resources written in any Pulumi program.
 * A preconfigured (Okta Integration Network) app has nothing to check; a
 * custom app needs an https `ssoUrl`, an `audience`, no `RSA_SHA1` and a
 * signed response or assertion. The provider sends an unset
 * `responseSigned`/`assertionSigned` as false, so unset counts as unsigned.
 */
import * as okta from '@pulumi/okta';
import { validateResourceOfType, type ReportViolation, type ResourceValidationPolicy } from '@pulumi/policy';
import { decidedProblems } from '../checks/problem';
import { checkSaml, SAML_MESSAGES, SAML_READS, type SamlField, type SamlSettings } from '../checks/saml';
import { renderMessage } from '../engine/rule';
import { rule } from '../../rules/sso/saml-hardening';
import { enforcementLevelFor } from './enforcement';
import { readBoolean, readString, UNKNOWN } from './preview-values';

/** `okta.app.Saml` property names for the check's fields. */
export const SAML_PROPERTIES: Readonly<Record<SamlField, string>> = {
  settings: 'the SAML settings',
  acsUrl: 'ssoUrl',
  audience: 'audience',
  signatureAlgorithm: 'signatureAlgorithm',
  responseSigned: 'responseSigned',
  assertionSigned: 'assertionSigned',
};

/**
 * Reports each SAML hardening problem of an `okta.app.Saml`'s properties
 * (as the engine passes them: possibly wrapped in the unknown-checking
 * proxy). Problems that depend on a value unknown during preview are not
 * reported; when even whether the app is preconfigured is unknown, nothing is.
 */
export function validateSamlApp(props: unknown, reportViolation: ReportViolation): void {
  const preconfiguredApp = readString(props, 'preconfiguredApp');
  if (preconfiguredApp === UNKNOWN || (preconfiguredApp ?? '').trim() !== '') return;

  const ssoUrl = readString(props, 'ssoUrl');
  const audience = readString(props, 'audience');
  const signatureAlgorithm = readString(props, 'signatureAlgorithm');
  const responseSigned = readBoolean(props, 'responseSigned');
  const assertionSigned = readBoolean(props, 'assertionSigned');
  const unknown: Readonly<Record<SamlField, boolean>> = {
    settings: false,
    acsUrl: ssoUrl === UNKNOWN,
    audience: audience === UNKNOWN,
    signatureAlgorithm: signatureAlgorithm === UNKNOWN,
    responseSigned: responseSigned === UNKNOWN,
    assertionSigned: assertionSigned === UNKNOWN,
  };
  // Unknown values get placeholders; decidedProblems drops whatever reads them.
  const known = <T>(v: T | typeof UNKNOWN): T | undefined => (v === UNKNOWN ? undefined : v);
  const settings: SamlSettings = {
    acsUrl: known(ssoUrl),
    audience: known(audience),
    signatureAlgorithm: known(signatureAlgorithm),
    responseSigned: known(responseSigned) ?? false,
    assertionSigned: known(assertionSigned) ?? false,
  };
  const problems = checkSaml({ preconfigured: false, settings }, (field) => SAML_PROPERTIES[field]);
  for (const p of decidedProblems(problems, SAML_READS, (field) => unknown[field])) {
    reportViolation(renderMessage(SAML_MESSAGES[p.messageId], p.data));
  }
}

/** The policy, at the enforcement level of `sso/saml-hardening`'s severity. */
export const oktaSamlHardening: ResourceValidationPolicy = {
  name: 'okta-saml-hardening',
  displayName: 'Okta SAML apps are hardened',
  description:
    `${rule.description} (saasgov rule ${rule.id}): okta.app.Saml without preconfiguredApp needs an https ssoUrl, an audience, ` +
    'signatureAlgorithm other than RSA_SHA1, and responseSigned or assertionSigned true (unset counts as false).',
  enforcementLevel: enforcementLevelFor(rule.severity),
  severity: 'high',
  tags: ['okta', 'saml'],
  validateResource: validateResourceOfType(okta.app.Saml, (props, _args, reportViolation) => validateSamlApp(props, reportViolation)),
};
