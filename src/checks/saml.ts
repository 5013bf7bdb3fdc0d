/**
 * SAML hardening (SPEC §2.1 `sso/saml-hardening`, §8): one implementation on a
 * neutral shape, called by the manifest rule and by the CrossGuard policy pack
 * (with `okta.app.Saml` properties: `ssoUrl` as the ACS URL, `audience`,
 * `signatureAlgorithm`, `responseSigned`, `assertionSigned`). Free of manifest
 * and Pulumi types.
 */
import { neutralLabel, type CheckProblem, type FieldLabel, type ProblemReads } from './problem';
import { showUrl, urlKind } from './uri';

/** A custom SAML app's settings, defaults already resolved by the caller. */
export interface SamlSettings {
  /** Assertion Consumer Service URL: where the identity provider posts sign-ins. */
  readonly acsUrl?: string;
  /** Audience (the service provider's entity id). */
  readonly audience?: string;
  /** `RSA_SHA256` or `RSA_SHA1` (Okta's values). */
  readonly signatureAlgorithm?: string;
  readonly responseSigned: boolean;
  readonly assertionSigned: boolean;
}

/** What the SAML checks look at. */
export interface SamlCheckInput {
  /**
   * The app is a preconfigured Okta Integration Network app: Okta manages the
   * vendor's SAML settings, so there is nothing to check.
   */
  readonly preconfigured: boolean;
  /** The app's own SAML settings; `undefined` when none are given at all. */
  readonly settings?: SamlSettings;
}

/** Fields a SAML problem (or its message) names; `settings` is the settings as a whole. */
export type SamlField = 'settings' | keyof SamlSettings;

/**
 * Message templates by id. `{{field}}` (and `{{other}}`) are the caller's
 * labels of the fields at fault; `{{found}}` a value safe to show.
 */
export const SAML_MESSAGES = {
  samlMissing:
    'The app signs in with SAML but `{{field}}` is missing and no Okta Integration Network app is named: give the vendor\'s ACS URL and audience (or use its preconfigured Okta app), so Okta knows where to send sign-ins and for whom they are meant.',
  acsUrlMissing:
    '`{{field}}` (the vendor\'s Assertion Consumer Service URL, where Okta posts each sign-in) is missing: copy the https ACS URL from the vendor\'s SAML setup page.',
  acsUrlNotHttps:
    '`{{field}}` is {{found}}, not an absolute https URL: sign-ins posted over plain http or to a relative address can be read and replayed on the way. Use the vendor\'s https ACS URL.',
  audienceMissing:
    '`{{field}}` (the audience: the vendor\'s SAML entity ID) is missing: without it, a sign-in issued for this app can be replayed to another service that trusts Okta. Copy the entity ID from the vendor\'s SAML setup page.',
  sha1Signature:
    '`{{field}}` is `RSA_SHA1`: SHA-1 signatures are forgeable (practical collision attacks), so an attacker could mint a sign-in as any user. Use `RSA_SHA256`.',
  unsigned:
    'Neither the SAML response nor the assertion is signed (`{{other}}` and `{{field}}` are both false): anyone who can reach the vendor could forge a sign-in as any user. Sign at least the assertion: set `{{field}}` to true (the default).',
} as const;

export type SamlMessageId = keyof typeof SAML_MESSAGES;
export type SamlProblem = CheckProblem<SamlMessageId, SamlField>;

/** The fields each problem depends on (see {@link ProblemReads}); a test holds `checkSaml` to it. */
export const SAML_READS: ProblemReads<SamlMessageId, SamlField> = {
  samlMissing: ['settings'],
  acsUrlMissing: ['acsUrl'],
  acsUrlNotHttps: ['acsUrl'],
  audienceMissing: ['audience'],
  sha1Signature: ['signatureAlgorithm'],
  unsigned: ['responseSigned', 'assertionSigned'],
};

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

/**
 * Every SAML hardening problem of an app, one per problem, in field order.
 * Empty for a preconfigured app.
 */
export function checkSaml(input: SamlCheckInput, label: FieldLabel<SamlField> = neutralLabel): SamlProblem[] {
  if (input.preconfigured) return [];
  const s = input.settings;
  if (s === undefined) return [{ messageId: 'samlMissing', field: 'settings', data: { field: label('settings') } }];
  const problems: SamlProblem[] = [];
  const problem = (messageId: SamlMessageId, field: SamlField, data: Record<string, string> = {}) =>
    problems.push({ messageId, field, data: { field: label(field), ...data } });

  const acsUrl = s.acsUrl;
  if (acsUrl === undefined || acsUrl.trim() === '') problem('acsUrlMissing', 'acsUrl');
  else if (urlKind(acsUrl) !== 'https') problem('acsUrlNotHttps', 'acsUrl', { found: showUrl(acsUrl) });
  if (blank(s.audience)) problem('audienceMissing', 'audience');
  if (s.signatureAlgorithm?.toUpperCase() === 'RSA_SHA1') problem('sha1Signature', 'signatureAlgorithm');
  // Signing one of the two is enough for the relying party to verify the sign-in.
  if (!s.responseSigned && !s.assertionSigned) problem('unsigned', 'assertionSigned', { other: label('responseSigned') });
  return problems;
}
